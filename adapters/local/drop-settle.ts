import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidAudioError } from '../../core/audio/audio-errors.js';
import { readRecordingHeader } from '../../core/audio/recording-header.js';
import type { DropCall } from '../../core/drop.js';
import { isJsonPrefix } from '../../core/json-prefix.js';

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
    return isJsonPrefix(text);
  }
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
