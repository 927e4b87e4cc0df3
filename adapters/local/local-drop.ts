import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  type Dirent,
  fstatSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { type DropCall, type DropFileKind, type DropManifest, groupDrop } from '../../core/drop.js';
import { type CopiedInput, DebriefError } from '../../core/errors.js';
import type { CallExecutionRequest } from '../../schemas/workflow.js';
import type { FsObjectStore } from './fs-object-store.js';

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/** Files up to this size are staged in one read and one write, larger ones streamed. */
const SMALL_FILE_BYTES = 8 * 1024 ** 2;

/** The largest input file read (a 4-hour stereo 16 kHz WAV is about 920 MB). */
export const MAX_INPUT_BYTES = 2 * 1024 ** 3;

const KIND_LABEL: Record<DropFileKind, string> = {
  transcript: 'transcript',
  audio: 'audio file',
  ctr: 'CTR (conversation record)',
  recording: 'recording metadata',
};

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'it was moved or deleted while being read',
  EISDIR: 'it is a folder',
  ELOOP: 'it is a symbolic link loop',
  EIO: 'the disk reported a read error',
  ENXIO: 'it is a socket or device, not a file',
};

/** A dropped file that could not be read: the call is quarantined with this reason, the run goes on. */
export class UnreadableInputError extends DebriefError {
  override name = 'UnreadableInputError' as const;
  constructor(
    readonly kind: DropFileKind,
    readonly file: string,
    why: string,
  ) {
    super(`the ${KIND_LABEL[kind]} ${basename(file)} could not be read (${why}): fix it and run again`);
  }
}

/**
 * Two different files claim the same part of one call (`x.tca.json` and `x.TCA.json` with other
 * content, a CTR under both sidecar schemes that disagree): which one is right is the dropper's
 * call, so the call is quarantined naming both, never processed from either silently.
 */
export class ConflictingInputsError extends DebriefError {
  override name = 'ConflictingInputsError' as const;
  constructor(kind: DropFileKind, kept: string, other: string) {
    // Drop-relative: two files of one name in two subfolders (2026-11-25/x.tca.json and
    // 2026-11-27/x.tca.json) were both named "x.tca.json", so nobody could tell which to remove.
    super(
      `${kept} and ${other} are both the call's ${KIND_LABEL[kind]} and differ: remove the wrong one and run again`,
    );
  }
}

// The copy's error is the workflow's too (ClaimCall quarantines a copy on AWS): it lives in core.
export { DUPLICATE_RECORDING_DETAIL, DuplicateRecordingError } from '../../core/errors.js';

/** A repeated file with the same bytes as the one read is harmless; different bytes are a conflict. */
const checkRepeats = async (dropDir: string, call: DropCall): Promise<void> => {
  for (const { kind, file } of call.repeats ?? []) {
    const kept = call[kind];
    if (kept === null) continue;
    const read = (f: string) => readFile(join(resolve(dropDir), f)).catch(() => null);
    const a = await read(kept);
    const b = await read(file);
    // One of them unreadable: staging reads the kept one and says so; the other is not used.
    if (a === null || b === null) continue;
    if (!a.equals(b)) throw new ConflictingInputsError(kind, kept, file);
  }
};

export interface DropScan {
  manifest: DropManifest;
  /** What was skipped and why (hidden files, links to folders, unreadable folders). */
  notices: string[];
  /** Entries skipped that may hold calls (unreadable folders, broken links, links to folders). */
  skipped: string[];
  /**
   * The calls each notice concerns, by index into `notices` (the calls of a recording dropped
   * under two names); none for a notice about the folder's other files. `run --call` says only
   * the notices of the calls it runs.
   */
  noticeCalls: (readonly string[])[];
  /**
   * The notices that say a recording (or the transcript of calls without one) is dropped under several call names, by index into
   * `notices`, with one of its files (relative to the drop): true only while none of those calls
   * is a copy of another's (cli/commands/run.ts leaves it unsaid otherwise).
   */
  sameRecordingNotices: { notice: number; file: string }[];
}

/**
 * A folder's files, relative, '/'-separated, sorted, as `run` reads a drop: hidden files and
 * folders are skipped; a symbolic link to a file counts as that file; everything skipped is
 * reported in `notices`.
 */
export const listDropFiles = async (
  dir: string,
): Promise<{ files: string[]; notices: string[]; skipped: string[] }> => {
  const root = resolve(dir);
  const files: string[] = [];
  const notices: string[] = [];
  /** Entries that may hold calls and were not read: unreadable folders, broken links, links to folders. */
  const skipped: string[] = [];
  const hidden: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === root) throw error;
      skipped.push(`${rel(folder)}/`);
      notices.push(
        `${rel(folder)}/ could not be read (${WHY[codeOf(error) ?? ''] ?? codeOf(error)}): skipped`,
      );
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, e.name);
      if (e.name.startsWith('.')) {
        hidden.push(rel(path));
        continue;
      }
      if (e.isDirectory()) await walk(path);
      else if (e.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        if (!target || target.isDirectory()) skipped.push(rel(path));
        if (!target) notices.push(`${rel(path)} is a broken symbolic link: skipped`);
        else if (target.isDirectory())
          notices.push(`${rel(path)} links to a folder, which is not followed: skipped`);
        else files.push(rel(path));
      } else files.push(rel(path));
    }
  };
  const rel = (path: string) => relative(root, path).split(sep).join('/');
  await walk(root);
  if (hidden.length > 0)
    notices.push(
      `${hidden.length} hidden file(s) or folder(s) skipped: ${hidden.slice(0, 3).join(', ')}${hidden.length > 3 ? ', …' : ''}`,
    );
  return { files, notices, skipped };
};

/** A drop folder's calls (listDropFiles, grouped), and what `run` says of it before it starts. */
export const scanDrop = async (dir: string): Promise<DropScan> => {
  const root = resolve(dir);
  const { files, notices, skipped } = await listDropFiles(root);
  const manifest = groupDrop(files);
  const noticeCalls: (readonly string[])[] = notices.map(() => []);
  const sameRecordingNotices: { notice: number; file: string }[] = [];
  const recordingGroups = await sameRecordings(root, manifest.calls);
  for (const same of recordingGroups) {
    sameRecordingNotices.push({ notice: notices.length, file: same[0] ?? '' });
    notices.push(
      `${same.join(', ')} are the same recording, byte for byte, under ${same.length} call names: each is processed as its own call (the call counts ${same.length} times); if they are one call, keep one file`,
    );
    noticeCalls.push(
      manifest.calls.filter((c) => c.audio !== null && same.includes(c.audio)).map((c) => c.callId),
    );
  }
  // The same for transcripts (helper-215: one transcript under two names landed twice, unsaid).
  // Not when the calls also share one recording: the recording's notice says it, and is left
  // unsaid when one call is a copy (quarantined, not counted twice; helper-218: this one said
  // "each is processed as its own call" of a copy quarantined).
  for (const same of await sameFiles(root, manifest.calls, (c) => c.transcript)) {
    const audios = manifest.calls
      .filter((c) => c.transcript !== null && same.includes(c.transcript))
      .map((c) => c.audio);
    if (recordingGroups.some((group) => audios.every((a) => a !== null && group.includes(a)))) continue;
    // Calls held by these transcripts (none has a recording): unsaid when one is a copy, as above.
    if (audios.every((a) => a === null))
      sameRecordingNotices.push({ notice: notices.length, file: same[0] ?? '' });
    notices.push(
      `${same.join(', ')} are the same transcript, byte for byte, under ${same.length} call names: each is processed as its own call (the call counts ${same.length} times); if they are one call, keep one file`,
    );
    noticeCalls.push(
      manifest.calls.filter((c) => c.transcript !== null && same.includes(c.transcript)).map((c) => c.callId),
    );
  }
  return { manifest, notices, skipped, noticeCalls, sameRecordingNotices };
};

export const sha256OfFile = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    for await (const piece of handle.createReadStream()) hash.update(piece as Buffer);
  } finally {
    await handle.close().catch(() => undefined);
  }
  return hash.digest('hex');
};

/**
 * Recordings of different calls with the same bytes: one recording dropped (or exported) twice
 * under two names. Only recordings of the same size are read, so a drop of distinct calls costs
 * one stat per recording.
 */
export const sameRecordings = (root: string, calls: readonly DropCall[]): Promise<string[][]> =>
  sameFiles(root, calls, (c) => c.audio);

/** Files of different calls (the one `pick` names of each) with the same bytes. */
const sameFiles = async (
  root: string,
  calls: readonly DropCall[],
  pick: (call: DropCall) => string | null,
): Promise<string[][]> => {
  const bySize = new Map<number, string[]>();
  for (const call of calls) {
    const file = pick(call);
    if (!file) continue;
    const s = await stat(join(root, file)).catch(() => null);
    if (!s?.isFile() || s.size === 0) continue;
    bySize.set(s.size, [...(bySize.get(s.size) ?? []), file]);
  }
  const groups: string[][] = [];
  for (const files of bySize.values()) {
    if (files.length < 2) continue;
    const byHash = new Map<string, string[]>();
    for (const file of files) {
      // Unreadable: staging the call says so.
      const hash = await sha256OfFile(join(root, file)).catch(() => null);
      if (hash) byHash.set(hash, [...(byHash.get(hash) ?? []), file]);
    }
    for (const same of byHash.values()) if (same.length > 1) groups.push(same);
  }
  return groups;
};

export interface StagedCall {
  input: CallExecutionRequest;
  /** Named after the inputs' content: the same files twice are the same execution. */
  executionName: string;
  /**
   * sha256 of the bytes the call is held by: its recording's, or its transcript's when it was
   * dropped without one (`claimed`); null with neither (a CTR alone). The same bytes under another
   * name in a later run are a copy (ExecutionLedger.originalOf).
   */
  recordingSha256: string | null;
  /** Which file `recordingSha256` is of. */
  claimed: CopiedInput | null;
  /** sha256 of the transcript of a call dropped with a recording too (null otherwise): claimed, not checked. */
  transcriptSha256: string | null;
  /** Move the read copies into the home's inbox (atomically, one rename each). */
  publish(): Promise<void>;
  /** Drop the read copies (an unchanged call: nothing was published). */
  discard(): Promise<void>;
  /**
   * Remove the inbox copies of the CTR and recording metadata once the call is done: they carry
   * the caller's number and the drop folder still has the originals. Transcript and audio stay
   * (the workbench plays the recording from the home).
   */
  releaseSidecars(): Promise<void>;
}

/** Why a dropped file could not be opened as a regular file of a size we read, or null. */
const irregular = (
  kind: DropFileKind,
  s: { isFile(): boolean; isDirectory(): boolean; size: number },
): string | null => {
  if (!s.isFile()) return s.isDirectory() ? 'it is a folder' : 'it is not a regular file (a pipe or device?)';
  if (s.size > MAX_INPUT_BYTES) {
    return `it is larger than ${MAX_INPUT_BYTES / 1024 ** 3} GiB${kind === 'audio' ? '; resample it to 16 kHz (sox in.wav -r 16000 -b 16 out.wav: 4 hours of stereo fit) or split it' : ''}`;
  }
  return null;
};

const unreadable = (kind: DropFileKind, path: string, error: unknown): UnreadableInputError =>
  new UnreadableInputError(kind, path, WHY[codeOf(error) ?? ''] ?? `error ${codeOf(error) ?? 'unknown'}`);

/**
 * Opens without blocking (a FIFO named like a call file would hang a plain open) and checks it is
 * a file. Synchronous: a dropped file is local, and an asynchronous open, stat, read and close
 * each cost a trip through libuv's thread pool (see adapters/local/fs-object-store.ts).
 */
const openRegular = (kind: DropFileKind, path: string): { fd: number; mtime: Date; size: number } => {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw unreadable(kind, path, error);
  }
  const s = fstatSync(fd);
  const why = irregular(kind, s);
  if (why !== null) {
    closeSync(fd);
    throw new UnreadableInputError(kind, path, why);
  }
  return { fd, mtime: s.mtime, size: s.size };
};

/**
 * Where a run keeps the inbox copies of a call's sidecars (CTR, recording metadata) while the call
 * runs, instead of the inbox folder: a batch run's working memory (adapters/local/working-memory.ts),
 * through which its steps read the home. The copies only live while the call runs
 * (StagedCall.releaseSidecars), so writing them to the folder, renaming them into the inbox and
 * removing them again (two files per call, every run of the call) bought nothing but the writes.
 */
export interface SidecarHolder {
  /** `key` reads as these bytes from now on (the copy is published). */
  hold(key: string, bytes: Uint8Array): void;
  /** `key` no longer reads from memory. */
  letGo(key: string): void;
}

export const stageCall = async (
  dropDir: string,
  call: DropCall,
  store: FsObjectStore,
  sidecars?: SidecarHolder,
): Promise<StagedCall> => {
  await checkRepeats(dropDir, call);
  const hash = createHash('sha256');
  // A call is held by its recording's bytes, or by its transcript's when it has no recording
  // (helper-291: a transcript copied under a new name ran as a second call while a copied WAV
  // was quarantined).
  const claimedKind: DropFileKind | null = call.audio ? 'audio' : call.transcript ? 'transcript' : null;
  const claimed: CopiedInput | null = claimedKind === 'audio' ? 'recording' : claimedKind;
  const claimHash = claimed ? createHash('sha256') : null;
  // A call with both also claims its transcript (not checked for copies: its recording is), so a
  // copy of the transcript alone under another name is its copy, and the call dropped later as
  // that transcript alone is never taken for its copy's copy (review of d279228).
  const transcriptHash = call.audio && call.transcript ? createHash('sha256') : null;
  const keys: CallExecutionRequest['keys'] = { transcript: null, audio: null, ctr: null, recording: null };
  const staged: { key: string; tmp: string }[] = [];
  /** Sidecar copies for `sidecars` to hold once the call's copies are published. */
  const held: { key: string; bytes: Uint8Array }[] = [];
  try {
    for (const kind of ['transcript', 'audio', 'ctr', 'recording'] as const) {
      const rel = call[kind];
      if (!rel) continue;
      const source = join(resolve(dropDir), rel);
      const { fd, mtime, size } = openRegular(kind, source);
      const key = `inbox/${basename(rel)}`;
      hash.update(`${kind}\0${basename(rel)}\0`);
      try {
        const tmp = await store.temporaryPath();
        staged.push({ key, tmp });
        try {
          // A small file (transcripts, sidecars) in one read; a recording streamed.
          if (size <= SMALL_FILE_BYTES) {
            const bytes = readFileSync(fd);
            hash.update(bytes);
            if (kind === claimedKind) claimHash?.update(bytes);
            if (kind === 'transcript') transcriptHash?.update(bytes);
            // Already in the inbox with these bytes and this time (a reprocess, an unchanged
            // call): nothing to copy. The copy there is the one an earlier staging published,
            // exactly what publishing this one would leave.
            if (sidecars && (kind === 'ctr' || kind === 'recording')) {
              staged.pop();
              held.push({ key, bytes });
            } else if (store.holdsCopy(key, bytes, mtime)) staged.pop();
            else await store.writeTemporaryBytes(tmp, bytes, mtime);
          } else {
            const hashing = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                hash.update(chunk);
                if (kind === claimedKind) claimHash?.update(chunk);
                if (kind === 'transcript') transcriptHash?.update(chunk);
                done(null, chunk);
              },
            });
            const stream = createReadStream('', { fd, autoClose: false });
            await store.writeTemporary(tmp, stream, [hashing], mtime);
          }
        } catch (error) {
          throw unreadable(kind, source, error);
        }
      } finally {
        closeSync(fd);
      }
      keys[kind] = key;
    }
  } catch (error) {
    for (const s of staged) store.removeTemporary(s.tmp);
    throw error;
  }
  let published = false;
  const executionName = `${call.callId.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, 63)}-${hash.digest('hex').slice(0, 16)}`;
  return {
    input: { callId: call.callId, keys },
    executionName,
    recordingSha256: claimHash?.digest('hex') ?? null,
    transcriptSha256: transcriptHash?.digest('hex') ?? null,
    claimed,
    publish: async () => {
      for (const s of staged) await store.publishTemporary(s.tmp, s.key);
      for (const h of held) sidecars?.hold(h.key, h.bytes);
      published = true;
    },
    discard: async () => {
      // Published copies were renamed away: nothing is left to remove.
      if (!published) for (const s of staged) store.removeTemporary(s.tmp);
    },
    releaseSidecars: async () => {
      for (const key of [keys.ctr, keys.recording]) {
        if (!key) continue;
        sidecars?.letGo(key);
        // Held in memory, a copy an earlier run left in the folder (killed mid-call) goes all the same.
        await store.delete(key);
      }
    },
  };
};
