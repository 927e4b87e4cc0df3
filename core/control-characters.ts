/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
export const isControl = (c: string): boolean => {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
};
