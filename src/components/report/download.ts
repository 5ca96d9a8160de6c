// Saving what the page made (Markdown, SVG, PNG) as a file: a blob URL and an anchor with
// `download`, which the page's CSP allows and which sends nothing anywhere.

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; give it a moment before freeing the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a profile's name: "kas.heap.pb.gz" -> "kas.heap-findings.md". */
export function exportName(profileName: string, suffix: string): string {
  const base = profileName.replace(/\.(pb\.gz|pb|gz|txt)$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'profile';
  return `${base}-${suffix}`;
}
