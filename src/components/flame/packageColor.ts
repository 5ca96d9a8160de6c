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

export type FlameTheme = 'light' | 'dark';

/**
 * Lightness ranges of frames per theme: light frames under dark labels, dark frames under light
 * labels (the labels are --flame-label in app/theme.css). A package keeps its hue and saturation
 * in both themes; test/app/theme.test.ts checks every label against every frame colour for AA.
 */
export const flameLightness: Record<FlameTheme, { user: [number, number]; runtime: [number, number] }> = {
  light: { user: [61, 13], runtime: [70, 12] },
  dark: { user: [17, 8], runtime: [26, 8] },
};

/** Warm hues for user code, cooler greys for the runtime and the standard library plumbing. */
export function packageColor(name: string, theme: FlameTheme = 'light'): string {
  if (name.endsWith(' small frames') || name.endsWith(' small frame')) return theme === 'dark' ? '#3a3f46' : '#d9d9d9';
  const pkg = packageOf(name);
  const h = hash(pkg);
  const range = flameLightness[theme];
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/') || pkg === 'syscall') {
    return `hsl(210, 12%, ${range.runtime[0] + (h % range.runtime[1])}%)`;
  }
  const hue = 8 + (h % 48); // red-orange-yellow
  const sat = 70 + ((h >>> 8) % 25);
  const light = range.user[0] + ((h >>> 16) % range.user[1]);
  return `hsl(${hue}, ${sat}%, ${light}%)`;
}
