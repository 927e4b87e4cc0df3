import {
  closeSync,
  copyFileSync,
  createWriteStream,
  type Dirent,
  existsSync,
  fstatSync,
  futimesSync,
  linkSync,
  mkdirSync,
  open,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError } from '../../core/errors.js';
import { uniqueToken } from '../../core/object-names.js';
import type {
  ConditionalDelete,
  ObjectInfo,
  ObjectStoreWithHead,
  ObjectVersion,
} from '../../core/ports/object-store.js';
import { pidAlive } from './pid-alive.js';

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
const isNotFound = (error: unknown): boolean => codeOf(error) === 'ENOENT';

/** What identifies one version of a file: every put renames a new inode into place. */
const etagOf = (s: Stats): string => `${s.ino}-${s.mtimeMs}-${s.size}`;

/** Temporary files live here, under the root (same file system, so rename is atomic), hidden from listings. */
export const TMP_DIR = '.tmp';
/** This host's name, in temporary file names (read once: os.hostname() is a system call). */
const HOST = hostname();
/**
 * Create (or truncate) a file for writing, as `fs/promises` writeFile does (flags `w`, mode 0o666
 * less the umask). Only the create goes through libuv's thread pool, where it waits if the file
 * system stalls on creates while other jobs write; the write of a small body into the page cache
 * and the close are synchronous. writeFile's three trips through the pool (open, write, close)
 * and its FileHandle cost about twice the CPU (a 40 kB file: 120–150 µs against 60–75 µs).
 */
const createFile = (path: string): Promise<number> =>
  new Promise((resolve, reject) =>
    open(path, 'w', 0o666, (error, fd) => (error ? reject(error) : resolve(fd))),
  );

const writeBytes = (fd: number, bytes: Uint8Array, from: number): void => {
  let done = from;
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
};

/** Text bodies up to this many UTF-16 units are encoded into `scratch` (at most 3 MiB of it). */
const SCRATCH_MAX_UNITS = 1 << 20;
let scratch = Buffer.allocUnsafeSlow(0);

/**
 * Write text as UTF-8 through one buffer kept for the purpose, sized for any text of its length
 * (3 bytes per UTF-16 unit at most: a surrogate pair is 4 bytes, a lone surrogate 3). Buffer.from
 * made a new one per body: the text measured (twice), new memory zeroed, then the text encoded into
 * it, and the memory freed only when the collector found the Buffer: for a generated result
 * document (80–130 kB) 0.19–0.25 ms of CPU with its write, 0.10 this way (measured alone). The
 * encode and the writes are synchronous, so no other write comes between; longer texts get their
 * own Buffer as before.
 */
const writeText = (fd: number, text: string): void => {
  if (text.length > SCRATCH_MAX_UNITS) {
    writeBytes(fd, Buffer.from(text, 'utf8'), 0);
    return;
  }
  if (scratch.length < 3 * text.length) scratch = Buffer.allocUnsafeSlow(Math.max(3 * text.length, 1 << 16));
  const length = scratch.write(text, 0, 'utf8');
  writeBytes(fd, scratch.subarray(0, length), 0);
};

/** A temporary file older than this whose writer cannot be checked is left over from a crash. */
const TMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The bucket as a folder: key `a/b.json` is the file `<root>/a/b.json`. Names starting with a
 * dot (the temporary-file folder, lock files) are never keys.
 *
 * Its objects are small local files, so each operation is a few synchronous system calls: an
 * asynchronous one goes through libuv's thread pool and costs several times the CPU of the call
 * itself (measured here: open+write+close+rename+stat+read+unlink of a 40 kB file, 0.40 ms CPU
 * async against 0.08 ms sync), which at ~100 operations per call was a large share of a run's
 * CPU (bench/throughput.ts). Only large inputs (recordings) are streamed, asynchronously.
 */
export class FsObjectStore implements ObjectStoreWithHead {
  readonly root: string;
  private readonly tmpDir: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.tmpDir = join(this.root, TMP_DIR);
  }

  pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (path !== this.root && !path.startsWith(this.root + sep))
      throw new Error(`key escapes the store: ${key}`);
    return path;
  }

  /**
   * A fresh temporary path. Its name is short whatever the key (a 255-byte file name plus a
   * suffix would not fit), and carries the writer's host and pid so a sweep can tell leftovers
   * of a killed process from files being written right now.
   */
  async temporaryPath(): Promise<string> {
    // Made once per store; a write that finds it gone makes it again (writeTemporaryFile).
    this.tmpDirMade ??= mkdir(this.tmpDir, { recursive: true }).then(() => undefined);
    await this.tmpDirMade;
    return join(this.tmpDir, `${HOST}~${process.pid}~${uniqueToken()}`);
  }

  private tmpDirMade: Promise<void> | undefined;

  /**
   * Write a temporary file, making the temporary folder again if something removed it; with
   * `mtime`, the file's modification time is set before it is closed.
   */
  private async writeTemporaryFile(tmp: string, body: Uint8Array | string, mtime?: Date): Promise<void> {
    let fd: number;
    try {
      fd = await createFile(tmp);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      mkdirSync(this.tmpDir, { recursive: true });
      fd = await createFile(tmp);
    }
    try {
      if (typeof body === 'string') writeText(fd, body);
      else writeBytes(fd, body, 0);
      if (mtime) futimesSync(fd, mtime, mtime);
    } finally {
      closeSync(fd);
    }
  }

  /** Link or rename into place; the key's folder is made only when it is missing (one call, not two). */
  private intoPlace(move: (from: string, to: string) => void, tmp: string, path: string): void {
    try {
      move(tmp, path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      mkdirSync(dirname(path), { recursive: true });
      move(tmp, path);
    }
  }

  private publish(tmp: string, key: string): void {
    this.intoPlace(renameSync, tmp, this.pathOf(key));
  }

  async get(key: string): Promise<Uint8Array> {
    let fd: number;
    try {
      fd = openSync(this.pathOf(key), 'r');
    } catch (error) {
      throw isNotFound(error) ? new ObjectNotFoundError(key) : error;
    }
    try {
      return new Uint8Array(readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  }

  async head(key: string): Promise<ObjectInfo> {
    try {
      const s = statSync(this.pathOf(key));
      return { size: s.size, lastModified: s.mtime.toISOString(), etag: `${s.size}-${s.mtimeMs}` };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    let fd: number;
    try {
      fd = openSync(this.pathOf(key), 'r');
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
    try {
      const { size } = fstatSync(fd);
      const length = Math.max(0, Math.min(end, size - 1) - start + 1);
      const out = new Uint8Array(length);
      // One read(2) returns a local file's range whole, short only at its end.
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return done === length ? out : out.slice(0, done);
    } finally {
      closeSync(fd);
    }
  }

  /** Write then rename: a reader (DuckDB, another process) never sees a half-written object. */
  async put(key: string, body: Uint8Array | string, _contentType?: string): Promise<void> {
    this.pathOf(key);
    const tmp = await this.temporaryPath();
    try {
      await this.writeTemporaryFile(tmp, body);
      this.publish(tmp, key);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }

  /** Stream into a temporary file (large inputs are never held in memory); publishTemporary makes it an object. */
  async writeTemporary(
    tmp: string,
    source: Readable,
    through: Transform[] = [],
    mtime?: Date,
  ): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    await pipeline([source, ...through, createWriteStream(tmp)]);
    if (mtime) utimesSync(tmp, mtime, mtime);
  }

  /** A small temporary file in one write (publishTemporary makes it an object). */
  async writeTemporaryBytes(tmp: string, bytes: Uint8Array, mtime?: Date): Promise<void> {
    await this.writeTemporaryFile(tmp, bytes, mtime);
  }

  /**
   * Whether the object `key` is already a small file's copy as writeTemporaryBytes would make it:
   * these bytes, with this modification time (the object's etag, size and mtime, included). A
   * reprocess stages again inputs the home's inbox holds already: reading the copy back (one
   * stat, one read, synchronous) costs a fraction of writing and renaming it again.
   */
  holdsCopy(key: string, bytes: Uint8Array, mtime: Date): boolean {
    const path = this.pathOf(key);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return false;
    }
    try {
      const s = fstatSync(fd);
      if (!s.isFile() || s.size !== bytes.byteLength || s.mtime.getTime() !== mtime.getTime()) return false;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  }

  /** One rename: the object appears whole or not at all. */
  async publishTemporary(tmp: string, key: string): Promise<void> {
    this.pathOf(key);
    this.publish(tmp, key);
  }

  /** Remove a temporary file (gone already is fine). */
  removeTemporary(tmp: string): void {
    rmSync(tmp, { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      statSync(this.pathOf(key));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const base = this.pathOf(prefix.endsWith('/') || prefix === '' ? prefix : dirname(prefix));
    const keys: string[] = [];
    const walk = (dir: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        if (isNotFound(error) || codeOf(error) === 'ENOTDIR') return;
        throw error;
      }
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.isFile()) keys.push(relative(this.root, path).split(sep).join('/'));
      }
    };
    walk(base);
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }

  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    const versions: ObjectVersion[] = [];
    for (const key of await this.list(prefix)) {
      try {
        versions.push({ key, etag: etagOf(statSync(this.pathOf(key))) });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return versions;
  }

  /** Read through one open file: the bytes are those of the version checked, even if it is replaced meanwhile. */
  async getVersion(key: string, etag: string): Promise<Uint8Array | null> {
    let fd: number;
    try {
      fd = openSync(this.pathOf(key), 'r');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    try {
      if (etagOf(fstatSync(fd)) !== etag) return null;
      return new Uint8Array(readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  }

  /** One open file: its version (fstat) and its bytes are of the same file, even if it is replaced meanwhile. */
  async readCurrent(key: string): Promise<{ etag: string; bytes: Uint8Array } | null> {
    let fd: number;
    try {
      fd = openSync(this.pathOf(key), 'r');
    } catch (error) {
      if (isNotFound(error) || codeOf(error) === 'EISDIR') return null;
      throw error;
    }
    try {
      const s = fstatSync(fd);
      if (!s.isFile()) return null;
      return { etag: etagOf(s), bytes: new Uint8Array(readFileSync(fd)) };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Delete only this version. A folder cannot compare and unlink in one step, so this is exact
   * for the keys it is used on: lake objects are written once under a unique name and never
   * replaced (adapters/lake/lake-layout.ts), and S3 does the same check atomically.
   */
  async deleteVersion(key: string, etag: string): Promise<ConditionalDelete> {
    const path = this.pathOf(key);
    try {
      if (etagOf(statSync(path)) !== etag) return 'changed';
      unlinkSync(path);
      return 'deleted';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw error;
    }
  }

  /**
   * A second name for an object's bytes (link(2)), not a second copy of them: QuarantineCall keeps
   * a quarantined call's inputs this way, so a kept recording (a copy's among them, whose bytes
   * stay in the inbox too) takes its room on disk once, and is never read into memory. Objects
   * are never written in place (every put renames a new inode into place, deletes unlink), so
   * the names part as soon as either is written again or removed. Where no link can be made (a
   * file system without them), the bytes are copied.
   */
  async copy(from: string, to: string): Promise<void> {
    const source = this.pathOf(from);
    this.pathOf(to);
    const tmp = await this.temporaryPath();
    try {
      try {
        linkSync(source, tmp);
      } catch (error) {
        if (isNotFound(error) && !existsSync(source)) throw new ObjectNotFoundError(from);
        mkdirSync(this.tmpDir, { recursive: true });
        copyFileSync(source, tmp);
      }
      this.publish(tmp, to);
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /** link(2) refuses an existing name: create-if-absent in one step. */
  async putIfAbsent(key: string, body: Uint8Array | string, _contentType?: string): Promise<string | null> {
    const path = this.pathOf(key);
    const tmp = await this.temporaryPath();
    try {
      await this.writeTemporaryFile(tmp, body);
      this.intoPlace(linkSync, tmp, path);
      return etagOf(statSync(path));
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return null;
      throw error;
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  async delete(key: string): Promise<void> {
    rmSync(this.pathOf(key), { force: true });
  }

  /**
   * Remove temporary files left by processes that died mid-write (kill -9): those of a pid
   * that no longer runs on this host, and any older than a day.
   */
  async sweepTemporaryFiles(now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const [host, pid] = name.split('~');
      const path = join(this.tmpDir, name);
      const s = await stat(path).catch(() => null);
      if (!s) continue;
      const orphan =
        (host === hostname() && Number(pid) > 0 && !pidAlive(Number(pid))) ||
        now - s.mtimeMs > TMP_MAX_AGE_MS;
      if (orphan) {
        await rm(path, { force: true, recursive: true });
        removed += 1;
      }
    }
    return removed;
  }
}

export { pidAlive };
