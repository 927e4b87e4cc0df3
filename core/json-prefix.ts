/**
 * Whether a text that is not JSON runs out inside a JSON value that is right so far: a file cut
 * off before its end (or still being written), not one that goes wrong before it. Shared by
 * `watch`, which holds such a file's call back while it may still grow (adapters/local/drop-settle.ts),
 * and the reasons of a quarantined call, which say "cut off before its end" rather than a syntax
 * error at the last line (core/call-store.ts jsonErrorPosition).
 */

const MAX_DEPTH = 512;
const WS = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** End of text reached before the JSON value ended: the text may still be growing. */
const EOF = -1;
/** A character no JSON text could have there. */
const BAD = -2;

/**
 * True when the text runs out inside a JSON value that is right so far (more bytes could finish
 * it). A scan, not a parse: nothing is built, and the text is never quoted anywhere.
 */
export const isJsonPrefix = (text: string): boolean => {
  const skip = (i: number): number => {
    let at = i;
    while (at < text.length && WS.has(text[at] as string)) at++;
    return at;
  };
  const string = (i: number): number => {
    if (i >= text.length) return EOF;
    if (text[i] !== '"') return BAD;
    let at = i + 1;
    for (;;) {
      if (at >= text.length) return EOF;
      const c = text.charCodeAt(at);
      if (c === 0x22) return at + 1;
      if (c < 0x20) return BAD;
      if (c === 0x5c) {
        const e = text[at + 1];
        if (e === undefined) return EOF;
        if (e === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]*$/.test(hex)) return BAD;
          if (hex.length < 4) return EOF;
          at += 6;
        } else if (ESCAPES.has(e)) at += 2;
        else return BAD;
      } else at++;
    }
  };
  const value = (i: number, depth: number): number => {
    const at = skip(i);
    if (at >= text.length) return EOF;
    if (depth > MAX_DEPTH) return EOF;
    const c = text[at] as string;
    if (c === '"') return string(at);
    if (c === '{' || c === '[') return container(at, depth, c === '{');
    if (c === '-' || (c >= '0' && c <= '9')) {
      let end = at;
      while (end < text.length && /[0-9eE.+-]/.test(text[end] as string)) end++;
      if (end >= text.length) return EOF;
      return NUMBER.test(text.slice(at, end)) ? end : BAD;
    }
    for (const literal of LITERALS) {
      const part = text.slice(at, at + literal.length);
      if (part === literal) return at + literal.length;
      if (at + part.length >= text.length && literal.startsWith(part)) return EOF;
    }
    return BAD;
  };
  const container = (open: number, depth: number, object: boolean): number => {
    const close = object ? '}' : ']';
    let at = skip(open + 1);
    if (at >= text.length) return EOF;
    if (text[at] === close) return at + 1;
    for (;;) {
      if (object) {
        at = string(skip(at));
        if (at < 0) return at;
        at = skip(at);
        if (at >= text.length) return EOF;
        if (text[at] !== ':') return BAD;
        at += 1;
      }
      at = value(at, depth + 1);
      if (at < 0) return at;
      at = skip(at);
      if (at >= text.length) return EOF;
      if (text[at] === close) return at + 1;
      if (text[at] !== ',') return BAD;
      at += 1;
    }
  };
  return value(0, 0) === EOF;
};
