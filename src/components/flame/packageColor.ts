// Frame colours by package, so one package reads as one colour family across the graph.

/** "k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP" -> ".../filters". */
export function packageOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot > 0 ? name.slice(0, dot) : name;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Warm hues for user code, cooler greys for the runtime and the standard library plumbing. */
export function packageColor(name: string): string {
  if (name.endsWith(' small frames') || name.endsWith(' small frame')) return '#d9d9d9';
  const pkg = packageOf(name);
  const h = hash(pkg);
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/') || pkg === 'syscall') {
    return `hsl(210, 12%, ${70 + (h % 12)}%)`;
  }
  const hue = 8 + (h % 48); // red-orange-yellow
  const sat = 70 + ((h >>> 8) % 25);
  const light = 58 + ((h >>> 16) % 14);
  return `hsl(${hue}, ${sat}%, ${light}%)`;
}
