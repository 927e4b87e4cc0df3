/**
 * A WAV's `LIST` chunk of type `INFO` (RIFF's metadata list: Microsoft's Multimedia Programming
 * Interface, 1991): after the 4-byte type, sub-chunks (id, little-endian size, a NUL-terminated
 * text, a pad byte after an odd size). `ICRD` is the creation date; the specification's shape is a
 * date (`1553-05-03`), writers also put a date and time (`2026-11-30T14:05:00Z`, `2026-11-30 14:05:00`).
 */

/** How much of a `LIST` chunk's body the walk reads for ICRD: an INFO list is a few short texts. */
export const INFO_LIST_READ_BYTES = 4096;

/**
 * The ICRD text of a `LIST` chunk's body (its first bytes at least), trimmed of NULs and spaces;
 * null for another list type (`adtl`: cue labels), no ICRD, a blank one, or a body cut short.
 */
export const parseInfoCreationDate = (body: Uint8Array): string | null => {
  if (body.length < 4 || String.fromCharCode(...body.subarray(0, 4)) !== 'INFO') return null;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 4;
  while (at + 8 <= body.length) {
    const id = String.fromCharCode(...body.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const start = at + 8;
    if (id === 'ICRD') {
      if (start + size > body.length) return null;
      const bytes = body.subarray(start, start + size);
      const nul = bytes.indexOf(0);
      const text = Array.from(nul < 0 ? bytes : bytes.subarray(0, nul), (c) =>
        c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?',
      )
        .join('')
        .trim();
      return text === '' ? null : text;
    }
    at = start + size + (size % 2);
  }
  return null;
};
