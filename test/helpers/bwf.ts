/**
 * Broadcast Wave (EBU Tech 3285) `bext` chunks written byte by byte, as a BWF recorder writes them:
 * Description 256, Originator 32, OriginatorReference 32, OriginationDate 10, OriginationTime 8,
 * TimeReference 8 (two uint32), Version 2, UMID 64, LoudnessValue, LoudnessRange, MaxTruePeakLevel,
 * MaxMomentaryLoudness, MaxShortTermLoudness (2 each), Reserved 180, CodingHistory (variable).
 */
export interface BextFields {
  description?: string;
  originator?: string;
  originatorReference?: string;
  /** 10 characters as written (`2025-02-19`, `2025:02:19`); shorter is NUL-padded. */
  originationDate: string;
  /** 8 characters as written (`06:01:22`). */
  originationTime: string;
  codingHistory?: string;
}

const field = (out: Uint8Array, at: number, width: number, text: string) => {
  out.set(new TextEncoder().encode(text).subarray(0, width), at);
};

/** The chunk (id, size, body, pad byte), 602 fixed bytes plus the coding history. */
export const bextChunk = (f: BextFields): Uint8Array => {
  const history = new TextEncoder().encode(f.codingHistory ?? 'A=PCM,F=8000,W=16,M=mono,T=recorder\r\n');
  const body = new Uint8Array(602 + history.length);
  field(body, 0, 256, f.description ?? 'call recording');
  field(body, 256, 32, f.originator ?? 'ContactCenterRecorder');
  field(body, 288, 32, f.originatorReference ?? 'REF0001');
  field(body, 320, 10, f.originationDate);
  field(body, 330, 8, f.originationTime);
  const view = new DataView(body.buffer);
  view.setUint32(338, 8000 * 3600, true); // TimeReference: samples since midnight, low word
  view.setUint32(342, 0, true);
  view.setUint16(346, 2, true); // Version 2
  body.set(history, 602);
  const out = new Uint8Array(8 + body.length + (body.length % 2));
  out.set(new TextEncoder().encode('bext'));
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
};

/** The same WAV with a `bext` chunk inserted before its first chunk (where BWF writers put it). */
export const withBext = (wav: Uint8Array, f: BextFields): Uint8Array => withChunk(wav, bextChunk(f), 'start');

/** One second of 16-bit mono 8 kHz silence as a plain WAV (fmt, data). */
export const plainWav = (seconds = 1): Uint8Array => {
  const dataBytes = 8000 * 2 * seconds;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const text = (at: number, s: string) => out.set(new TextEncoder().encode(s), at);
  text(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 8000, true);
  v.setUint32(28, 16000, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  text(36, 'data');
  v.setUint32(40, dataBytes, true);
  return out;
};

/** A RIFF `LIST` chunk of type `INFO` with these sub-chunks (`ICRD`, `ISFT`, ...), NUL-terminated and padded as writers do. */
export const infoListChunk = (fields: Record<string, string>): Uint8Array => {
  const parts = Object.entries(fields).map(([id, text]) => {
    const bytes = new TextEncoder().encode(`${text}\u0000`);
    const out = new Uint8Array(8 + bytes.length + (bytes.length % 2));
    out.set(new TextEncoder().encode(id));
    new DataView(out.buffer).setUint32(4, bytes.length, true);
    out.set(bytes, 8);
    return out;
  });
  const size = 4 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(8 + size);
  out.set(new TextEncoder().encode('LIST'));
  new DataView(out.buffer).setUint32(4, size, true);
  out.set(new TextEncoder().encode('INFO'), 8);
  let at = 12;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The same WAV with `chunk` inserted after the RIFF header (`start`) or appended after the samples (`end`, as libsndfile and Audacity put LIST/INFO). */
export const withChunk = (wav: Uint8Array, chunk: Uint8Array, where: 'start' | 'end'): Uint8Array => {
  const out = new Uint8Array(wav.length + chunk.length);
  if (where === 'end') {
    out.set(wav);
    out.set(chunk, wav.length);
  } else {
    out.set(wav.subarray(0, 12));
    out.set(chunk, 12);
    out.set(wav.subarray(12), 12 + chunk.length);
  }
  const view = new DataView(out.buffer);
  view.setUint32(4, view.getUint32(4, true) + chunk.length, true);
  return out;
};
