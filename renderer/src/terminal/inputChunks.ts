/**
 * Terminal input in pieces small enough for one WebSocket frame each (the browser host refuses
 * frames over 2 MB; a pasted file can be larger, and JSON can triple a character's bytes). A piece
 * never ends between the two halves of a surrogate pair, so no character is broken.
 */
export const INPUT_CHUNK_CHARS = 256 * 1024;

export function inputChunks(data: string, size = INPUT_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < data.length) {
    let end = Math.min(at + size, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(data.slice(at, end));
    at = end;
  }
  return chunks;
}
