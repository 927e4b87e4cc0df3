/**
 * The bucket. Keys are '/'-separated; local mode maps them onto a folder, AWS onto S3.
 * Workflow payloads carry keys, never documents (Step Functions' 256 KiB state limit).
 */
export interface ObjectStore {
  /** Throws ObjectNotFoundError when the key does not exist. */
  get(key: string): Promise<Uint8Array>;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}

export interface ObjectInfo {
  size: number;
  /** ISO-8601 last-modified time (S3 LastModified / file mtime). */
  lastModified: string;
  /** The object's version tag (S3 ETag; locally size + mtime), when the store has one. */
  etag?: string;
}

/** Stores that can tell when an object arrived (used for the partition-date fallback). */
export interface ObjectStoreWithHead extends ObjectStore {
  head(key: string): Promise<ObjectInfo>;
  /** Bytes [start, end] (inclusive, clamped to the object): a WAV header without the recording. */
  getRange(key: string, start: number, end: number): Promise<Uint8Array>;
}
