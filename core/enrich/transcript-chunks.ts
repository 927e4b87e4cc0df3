/**
 * Splits transcript lines into chunks of at most `maxChars` characters (line breaks included),
 * keeping lines whole where possible so a model never sees half a sentence out of context.
 * A single line longer than `maxChars` is cut at whitespace, or mid-word if it has none.
 */
export const chunkLines = (lines: readonly string[], maxChars: number): string[] => {
  if (maxChars < 2) throw new RangeError('maxChars must be at least 2');
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') chunks.push(current);
    current = '';
  };
  for (const line of lines) {
    for (const part of cutLine(line, maxChars)) {
      const joined = current === '' ? part : `${current}\n${part}`;
      if (joined.length <= maxChars) {
        current = joined;
      } else {
        flush();
        current = part;
      }
    }
  }
  flush();
  return chunks;
};

const cutLine = (line: string, maxChars: number): string[] => {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    let cut = space > 0 ? space : maxChars;
    // Never cut between the two halves of a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (space <= 0 && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  if (rest !== '') parts.push(rest);
  return parts;
};
