/**
 * Query answers as JSON numbers only where a double holds them exactly: DuckDB (locally) and
 * Athena (on AWS) give BIGINT, HUGEINT and DECIMAL values that a JavaScript number would round
 * without a word (a hash, a sum of ids, a DECIMAL(38,2) total). Those are given as their exact
 * text instead, the same way on both paths, so `debrief query --json` matches.
 */

/** A decimal's digits with no leading or trailing zeros ("-012.50" → "-12.5", "3.000" → "3"). */
const canonicalDecimal = (text: string): string => {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const f = fraction.replace(/0+$/, '');
  const w = whole.replace(/^0+(?=\d)/, '');
  const body = f === '' ? w : `${w}.${f}`;
  return negative && body !== '0' ? `-${body}` : body;
};

/** `double` when it is the decimal written `text`, else `text` (exact, never rounded). */
export const exactDecimal = (text: string, double: number = Number(text)): number | string =>
  Number.isFinite(double) &&
  !/e/i.test(String(double)) &&
  canonicalDecimal(String(double)) === canonicalDecimal(text)
    ? double
    : text;

/** An integer as a number when it is a safe integer (|n| ≤ 2^53 − 1), else its exact digits. */
export const exactInteger = (value: bigint | string): number | string => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : String(value);
};
