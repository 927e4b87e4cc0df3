import { ObjectNotFoundError } from '../../core/errors.js';
import type {
  ConditionalDelete,
  ObjectInfo,
  ObjectStoreWithHead,
  ObjectVersion,
} from '../../core/ports/object-store.js';

/** A bucket in memory, for simulations of thousands of calls (same contract as the folder and S3). */
export class MemoryObjectStore implements ObjectStoreWithHead {
  readonly objects = new Map<string, { body: Uint8Array; lastModified: string; version: number }>();
  private version = 0;

  async get(key: string): Promise<Uint8Array> {
    const o = this.objects.get(key);
    if (!o) throw new ObjectNotFoundError(key);
    return o.body;
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    return (await this.get(key)).slice(start, end + 1);
  }

  async head(key: string): Promise<ObjectInfo> {
    const o = this.objects.get(key);
    if (!o) throw new ObjectNotFoundError(key);
    return { size: o.body.length, lastModified: o.lastModified, etag: `"v${o.version}"` };
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    this.version += 1;
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.objects.set(key, { body: bytes, lastModified: new Date().toISOString(), version: this.version });
  }

  async copy(from: string, to: string): Promise<void> {
    await this.put(to, await this.get(from));
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    return (await this.list(prefix)).map((key) => ({ key, etag: `"v${this.objects.get(key)!.version}"` }));
  }

  async getVersion(key: string, etag: string): Promise<Uint8Array | null> {
    const o = this.objects.get(key);
    return o && `"v${o.version}"` === etag ? o.body : null;
  }

  async deleteVersion(key: string, etag: string): Promise<ConditionalDelete> {
    const o = this.objects.get(key);
    if (!o) return 'gone';
    if (`"v${o.version}"` !== etag) return 'changed';
    this.objects.delete(key);
    return 'deleted';
  }

  async putIfAbsent(key: string, body: Uint8Array | string): Promise<string | null> {
    if (this.objects.has(key)) return null;
    await this.put(key, body);
    return `"v${this.objects.get(key)!.version}"`;
  }
}
