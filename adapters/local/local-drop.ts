import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type DropCall, type DropManifest, groupDrop } from '../../core/drop.js';
import type { CallExecutionRequest } from '../../schemas/workflow.js';
import type { FsObjectStore } from './fs-object-store.js';

/** A folder's files, relative, '/'-separated, sorted (hidden files skipped). */
export const listDropFolder = async (dir: string): Promise<string[]> => {
  const root = resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
};

export const scanDrop = async (dir: string): Promise<DropManifest> => groupDrop(await listDropFolder(dir));

/**
 * "Upload" a call's files into the local bucket's inbox/, keeping their modification times
 * (the partition-date fallback), and name the execution after the inputs' content: the same
 * drop twice is the same execution (idempotent), a changed file is a new one.
 */
export const ingestCall = async (
  dropDir: string,
  call: DropCall,
  store: FsObjectStore,
): Promise<{ input: CallExecutionRequest; executionName: string }> => {
  const hash = createHash('sha256');
  const keys: CallExecutionRequest['keys'] = { transcript: null, audio: null, ctr: null, recording: null };
  for (const kind of ['transcript', 'audio', 'ctr', 'recording'] as const) {
    const rel = call[kind];
    if (!rel) continue;
    const source = join(resolve(dropDir), rel);
    const key = `inbox/${basename(rel)}`;
    const target = store.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
    const s = await stat(source);
    await utimes(target, s.atime, s.mtime);
    hash.update(`${kind}\0${basename(rel)}\0`).update(await readFile(source));
    keys[kind] = key;
  }
  const executionName = `${call.callId.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, 63)}-${hash.digest('hex').slice(0, 16)}`;
  return { input: { callId: call.callId, keys }, executionName };
};
