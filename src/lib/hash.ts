// SHA-256 as lowercase hex. The share links use it as the content hash that ties a link to its
// file: the bytes exactly as dropped (before any gunzip), so a download matches wherever it is opened.

/** Lowercase hex SHA-256 (crypto.subtle: the page, the worker and Node 20 all have it). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
