import { documentText } from '../../core/call-store.js';
import type {
  ConditionalDelete,
  ObjectInfo,
  ObjectStoreWithHead,
  ObjectVersion,
  WorkingDocuments,
} from '../../core/ports/object-store.js';

type Entry =
  | { doc: unknown; json: (doc: unknown) => string; bytes?: never }
  | { bytes: Uint8Array; doc?: never; json?: never };

/** A call document's bytes (core/call-store.ts saveDocument writes them so). */
const documentJson = documentText;

const encoder = new TextEncoder();

/**
 * The home's store, with every execution's working folder (`work/<call>/<execution>/`: the call
 * document and the enrichment parts) kept in memory instead of on disk. Locally one process runs
 * a whole execution and nothing resumes one after a crash (the next run starts the call again),
 * so the working folder only ever has one reader: the next step of the same execution. Keeping
 * it in memory passes the parsed, validated document from step to step, as the ASL's state
 * passes its key. Everything else (inputs, results, leases, the lake) goes to the folder as before,
 * but for the inbox copies of a running call's sidecars, which it holds while the call runs (`hold`).
 *
 * `release(call)` forgets a call's working folders once its execution ended; `persist(call)`
 * writes them to the folder first (a quarantined call's report names its document).
 */
export class WorkingMemoryStore implements ObjectStoreWithHead {
  private readonly entries = new Map<string, Entry>();
  private readonly folder: string;
  readonly documents: WorkingDocuments;
  /** The folder's own one-step read of an exact key, when it has one (leases: never working objects). */
  readonly readCurrent?: (key: string) => Promise<{ etag: string; bytes: Uint8Array } | null>;

  constructor(
    private readonly base: ObjectStoreWithHead,
    workPrefix: string,
  ) {
    this.folder = `${workPrefix}/`;
    const readCurrent = base.readCurrent?.bind(base);
    if (readCurrent) this.readCurrent = readCurrent;
    this.documents = {
      get: (key) => this.entries.get(key)?.doc,
      set: (key, doc, json = documentJson) => {
        if (!this.kept(key)) return false;
        this.entries.set(key, { doc, json });
        return true;
      },
    };
  }

  private kept(key: string): boolean {
    return key.startsWith(this.folder);
  }

  private bytesOf(key: string): Uint8Array | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return entry.bytes ?? encoder.encode(entry.json(entry.doc));
  }

  /** Working objects held now (tests, and a check that executions release theirs). */
  get size(): number {
    return this.entries.size;
  }

  private keysUnder(prefix: string): string[] {
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  /** Write the working objects under `prefix` to the folder (a quarantined call keeps its document). */
  async persist(prefix: string): Promise<number> {
    const keys = this.keysUnder(prefix);
    for (const key of keys) await this.base.put(key, this.bytesOf(key)!, 'application/json');
    return keys.length;
  }

  /**
   * A call's inbox copy of a sidecar (CTR, recording metadata) for as long as the call runs
   * (adapters/local/local-drop.ts SidecarHolder): read from here, never written to the folder.
   */
  hold(key: string, bytes: Uint8Array): void {
    this.entries.set(key, { bytes });
  }

  /** A held sidecar copy is gone (its call is done). */
  letGo(key: string): void {
    this.entries.delete(key);
  }

  /** Forget the working objects under `prefix` (the execution ended). */
  release(prefix: string): void {
    for (const key of this.keysUnder(prefix)) this.entries.delete(key);
  }

  // A working key not held in memory may be on disk (persisted, or left by an earlier run).
  async get(key: string): Promise<Uint8Array> {
    return this.bytesOf(key) ?? this.base.get(key);
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    if (!this.kept(key)) return this.base.put(key, body, contentType);
    this.entries.set(key, { bytes: typeof body === 'string' ? encoder.encode(body) : body });
  }

  async exists(key: string): Promise<boolean> {
    return this.entries.has(key) || this.base.exists(key);
  }

  async list(prefix: string): Promise<string[]> {
    const held = this.keysUnder(prefix);
    const stored = await this.base.list(prefix);
    return held.length === 0 ? stored : [...new Set([...stored, ...held])].sort();
  }

  async delete(key: string): Promise<void> {
    if (this.entries.delete(key)) return;
    await this.base.delete(key);
  }

  async head(key: string): Promise<ObjectInfo> {
    const bytes = this.bytesOf(key);
    if (!bytes) return this.base.head(key);
    return { size: bytes.length, lastModified: new Date().toISOString() };
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const bytes = this.bytesOf(key);
    if (!bytes) return this.base.getRange(key, start, end);
    return bytes.slice(start, end + 1);
  }

  // Versioned operations are for the lake, leases and compaction: never working objects.
  listVersions(prefix: string): Promise<ObjectVersion[]> {
    return this.base.listVersions(prefix);
  }

  getVersion(key: string, etag: string): Promise<Uint8Array | null> {
    return this.base.getVersion(key, etag);
  }

  deleteVersion(key: string, etag: string): Promise<ConditionalDelete> {
    return this.base.deleteVersion(key, etag);
  }

  putIfAbsent(key: string, body: Uint8Array | string, contentType?: string): Promise<string | null> {
    return this.base.putIfAbsent(key, body, contentType);
  }
}
