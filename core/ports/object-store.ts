/**
 * The bucket. Keys are '/'-separated; local mode maps them onto a folder, AWS onto S3.
 * Workflow payloads carry keys, never documents (Step Functions' 256 KiB state limit).
 *
 * Every put is atomic: a reader sees the old object or the new one, never part of one
 * (S3 does this by itself; the folder store writes a temporary file and renames it).
 */
export interface ObjectStore {
  /** Throws ObjectNotFoundError when the key does not exist. */
  get(key: string): Promise<Uint8Array>;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
  /**
   * Set when the store keeps working documents as values (local mode, where one process runs a
   * whole execution): core/call-store.ts then hands a step the document the previous step saved
   * (and ApplyEnrichment the parts the branches saved) as the value our own code built, instead
   * of writing, reading and validating it again.
   */
  readonly documents?: WorkingDocuments;
}

/** Working documents kept as values, by key (only keys the store chooses to keep: `set` says). */
export interface WorkingDocuments {
  get(key: string): unknown;
  /**
   * Keep `doc` under `key`; false when this key is not one the store keeps (write it instead).
   * `json`: its bytes when read as an object (the same as the caller would have written).
   */
  set(key: string, doc: unknown, json?: (doc: unknown) => string): boolean;
}

export interface ObjectInfo {
  size: number;
  /** ISO-8601 last-modified time (S3 LastModified / file mtime). */
  lastModified: string;
  /** The object's version tag (S3 ETag; locally size + mtime), when the store has one. */
  etag?: string;
}

/** One version of an object: the key and what identifies its content (S3 ETag; inode+mtime+size locally). */
export interface ObjectVersion {
  key: string;
  etag: string;
}

export type ConditionalDelete = 'deleted' | 'changed' | 'gone';

/**
 * Stores that can tell when an object arrived (the partition-date fallback) and act on one
 * exact version of an object: what lake compaction needs to run safely while calls land.
 */
export interface ObjectStoreWithHead extends ObjectStore {
  head(key: string): Promise<ObjectInfo>;
  /** Bytes [start, end] (inclusive, clamped to the object): a WAV header without the recording. */
  getRange(key: string, start: number, end: number): Promise<Uint8Array>;
  /** Keys under a prefix with the version of each, sorted by key. */
  listVersions(prefix: string): Promise<ObjectVersion[]>;
  /** The object's bytes if it is still this version; null when it was replaced or removed. */
  getVersion(key: string, etag: string): Promise<Uint8Array | null>;
  /**
   * The object's bytes and the version they are (read through one open file, so the two always
   * agree); null when there is no object. Optional: a store that can read an exact key in one step
   * (a folder) spares core/call-lease.ts's readStateObject listing the key's prefix first, whose cost
   * locally grows with the other objects beside it (leases left by runs that died).
   */
  readCurrent?(key: string): Promise<{ etag: string; bytes: Uint8Array } | null>;
  /** Remove the object only if it is still this version (S3: DeleteObject with If-Match). */
  deleteVersion(key: string, etag: string): Promise<ConditionalDelete>;
  /** Create the object only if no object has the key (S3: PutObject with If-None-Match: *); its etag, or null. */
  putIfAbsent(key: string, body: Uint8Array | string, contentType?: string): Promise<string | null>;
  /**
   * Copy an object within the store without reading it here (S3: CopyObject), where the store can:
   * a recording of hundreds of MB kept in quarantine never passes through a Lambda's memory.
   */
  copy?(from: string, to: string): Promise<void>;
}
