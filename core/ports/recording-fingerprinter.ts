/**
 * What identifies a recording's content, to find the same recording under two call names without
 * comparing bytes: on AWS the object's full-object CRC64NVME checksum as S3 stores it (read with
 * HeadObject, ChecksumMode ENABLED), computed by streaming the object only when S3 has none
 * (adapters/aws/s3-recording-fingerprinter.ts). Lower-case letters, digits and '-' only: it is
 * part of an object key. Local mode has none: the drop's ledger checks copies before the workflow.
 */
export interface RecordingFingerprinter {
  fingerprint(key: string): Promise<string>;
}
