import { Crc64Nvme } from '@aws-sdk/checksums/crc';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ObjectNotFoundError } from '../../core/errors.js';
import type { RecordingFingerprinter } from '../../core/ports/recording-fingerprinter.js';
import { isPreconditionFailed, s3Request } from './s3-object-store.js';

/** `crc64nvme-<16 hex digits>-<bytes>`: the same bytes give the same fingerprint, however uploaded. */
const fingerprintOf = (crc: Uint8Array, size: number): string =>
  `crc64nvme-${Buffer.from(crc).toString('hex')}-${size}`;

/**
 * A recording's content fingerprint from what S3 already knows, without reading the recording.
 * S3 stores a CRC64NVME checksum of every object uploaded without a checksum since its default
 * data-integrity protections (December 2024), and of every object uploaded with CRC64NVME; a
 * CRC64NVME is always a checksum of the full object, for multipart uploads too. HeadObject
 * returns it with `ChecksumMode: ENABLED` (s3:GetObject, and kms:Decrypt under SSE-KMS; one
 * request, no s3:GetObjectAttributes). An object S3 has no CRC64NVME for (a multipart upload
 * made with a CRC32/CRC32C/SHA checksum — composite — or an object older than the default) is
 * read once, streamed, and the same CRC64NVME computed here, with the SDK's own implementation:
 * a fingerprint of one kind for every object, so a copy is found whichever way each was uploaded
 * (a SHA-256 of one and S3's CRC of the other would never match). The read names the version
 * headed (If-Match), so the bytes are those of the object the size came from.
 */
export class S3RecordingFingerprinter implements RecordingFingerprinter {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async fingerprint(key: string): Promise<string> {
    // Replaced between the HeadObject and the read (412): what is there now is what counts.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(key);
      } catch (error) {
        if (attempt === 0 && isPreconditionFailed(error)) continue;
        throw error;
      }
    }
  }

  private async once(key: string): Promise<string> {
    const head = await s3Request(key, () =>
      this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, ChecksumMode: 'ENABLED' })),
    );
    if (head.ChecksumCRC64NVME && head.ChecksumType !== 'COMPOSITE')
      return fingerprintOf(Buffer.from(head.ChecksumCRC64NVME, 'base64'), head.ContentLength ?? 0);
    return s3Request(key, async () => {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(head.ETag ? { IfMatch: head.ETag } : {}) }),
      );
      if (!out.Body) throw new ObjectNotFoundError(key);
      const crc = new Crc64Nvme();
      let read = 0;
      for await (const piece of out.Body as AsyncIterable<Uint8Array>) {
        crc.update(piece);
        read += piece.byteLength;
      }
      return fingerprintOf(await crc.digest(), read);
    });
  }
}
