import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidAudioError } from '../../core/audio/audio-errors.js';
import { readRecordingHeader } from '../../core/audio/recording-header.js';
import type { DropCall } from '../../core/drop.js';

/** How long a file cut short must stay unchanged before `watch` runs (and quarantines) its call. */
export const DEFAULT_COPY_QUIET_MS = 5000;

/** What `watch` holds back: a call whose file is still being copied into the drop. */
export interface CopySettle {
  /** A file changed less than this long ago and cut short (or still growing) holds its call back. */
  quietMs: number;
  /** Each file's size at the last look (kept by the watch from batch to batch). */
  sizes: Map<string, number>;
  now?: () => number;
}

export interface WaitingCall {
  callId: string;
  /** The drop-relative file still being copied. */
  file: string;
  /** When the file will have been quiet for the window, if nothing changes it meanwhile. */
  quietInMs: number;
}

const filesOf = (call: DropCall): string[] =>
  [call.audio, call.transcript, call.ctr, call.recording, ...(call.repeats ?? []).map((r) => r.file)].filter(
    (f): f is string => f !== null,
  );

/** Is this file cut short (a recording whose header says more than is there, JSON that does not end)? */
const cutShort = async (path: string, size: number, audio: boolean): Promise<boolean> => {
  if (size === 0) return true;
  if (!audio) return unfinishedJson(await readFile(path, 'utf8'));
  return recordingCutShort(path, size);
};

/**
 * Whether the text may be JSON still being written: it parses, or it is a prefix of some JSON
 * text (it runs out mid-value: `{"Transcript": [{"Conte`), or it ends in NUL bytes (a copier
 * that sized the file first). A file that goes wrong before its end (`not json`, `{"a": 1,}`)
 * cannot become JSON by more bytes landing: it is not held, and its call is quarantined at once.
 * Never throws; deeply nested text (over MAX_DEPTH) is taken as unfinished (held, as before).
 */
export const unfinishedJson = (raw: string): boolean => {
  if (raw.endsWith('\0')) return true;
  // The decoder LoadCall reads with drops a byte-order mark: so does this.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return jsonPrefix(text);
  }
};

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
const jsonPrefix = (text: string): boolean => {
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

/** Is this recording cut short (its header says more than is there)? */
const recordingCutShort = async (path: string, size: number): Promise<boolean> => {
  const handle = await open(path, 'r');
  try {
    const read = async (start: number, end: number) => {
      const buffer = new Uint8Array(Math.max(0, end - start + 1));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    };
    await readRecordingHeader(read, size, path);
    return false;
  } catch (error) {
    return error instanceof InvalidAudioError && error.problem === 'truncated';
  } finally {
    await handle.close();
  }
};

/**
 * The call's file still being copied, if any: one changed within the quiet window that is cut
 * short, or whose size changed since the last look. A file quiet for the window is never held
 * (a recording still cut short then is quarantined as usual). Records every file's size.
 */
export const stillCopying = async (
  dir: string,
  call: DropCall,
  settle: CopySettle,
): Promise<WaitingCall | null> => {
  const now = (settle.now ?? Date.now)();
  let waiting: WaitingCall | null = null;
  for (const file of filesOf(call)) {
    const path = join(dir, file);
    const info = await stat(path).catch(() => null);
    // Gone, a folder, a device: the run says so as it does today.
    if (!info?.isFile()) continue;
    const { size, mtimeMs } = info;
    const before = settle.sizes.get(path);
    settle.sizes.set(path, size);
    const age = now - mtimeMs;
    if (age >= settle.quietMs || waiting) continue;
    const growing = before !== undefined && before !== size;
    const audio =
      file === call.audio || (call.repeats ?? []).some((r) => r.file === file && r.kind === 'audio');
    if (growing || (await cutShort(path, size, audio)))
      waiting = { callId: call.callId, file, quietInMs: Math.max(0, settle.quietMs - age) };
  }
  return waiting;
};
