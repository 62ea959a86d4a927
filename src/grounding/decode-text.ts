/**
 * Bytes to text for the text formats (.txt, .md, .html, .jsonl), with the binary check.
 *
 * Binary test: a NUL byte in the first 8,000 bytes, git's rule (`buffer_is_binary` in
 * xdiff-interface.c) — UTF-8 and Latin-1 text never contain NUL, nearly every binary format does.
 * UTF-16 files (which do contain NULs) are recognised by their byte-order mark first.
 */
const BINARY_SNIFF_BYTES = 8000;

export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) {
    if (bytes[i] === 0) return { ok: false, reason: `binary content (NUL byte at offset ${i}); not a text file` };
  }
  // TextDecoder drops a UTF-8 byte-order mark by default; invalid sequences become U+FFFD.
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}
