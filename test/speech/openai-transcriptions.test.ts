import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createOpenAiTranscriptionRecognizer,
  openAiTranscriptionConfigFromEnv,
} from '../../adapters/local/speech/recognizers/openai-transcriptions.js';
import { SpeechEngineError } from '../../core/errors.js';
import { FIXTURES } from '../helpers/paths.js';
import { segment } from './speech-test-data.js';

const fixture = (name: string) =>
  readFileSync(join(FIXTURES, 'openai-transcriptions', `${name}.json`), 'utf8');
const FAST_RETRY = { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 };

interface Seen {
  authorization: string | undefined;
  fields: Record<string, string[]>;
  file: { name: string; type: string; bytes: Uint8Array } | null;
}
type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

// A local stand-in for the server: each request takes the next handler (the last one repeats).
let server: Server;
let baseUrl: string;
let handlers: Handler[] = [];
let requests: Seen[] = [];

const json =
  (body: string, status = 200, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = await new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    }).formData();
    const fields: Record<string, string[]> = {};
    let file: Seen['file'] = null;
    for (const [key, value] of form) {
      if (typeof value === 'string') fields[key] = [...(fields[key] ?? []), value];
      else file = { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
    }
    const seen = { authorization: req.headers.authorization, fields, file };
    requests.push(seen);
    const handler = handlers.length > 1 ? handlers.shift()! : handlers[0]!;
    handler(req, res, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handlers = [];
  requests = [];
});

const speech = (id = 'agent-0001', beginMs = 10_000, rate = 8000) =>
  segment(
    id,
    Int16Array.from({ length: rate }, (_, i) => Math.round(3000 * Math.sin(i / 3))),
    rate,
    beginMs,
  );
const recognizer = (extra: Record<string, unknown> = {}) =>
  createOpenAiTranscriptionRecognizer(
    { baseUrl, model: 'whisper-1', apiKey: 'sk-test', timeoutMs: 2000, ...extra },
    FAST_RETRY,
  );

const failure = async (promise: Promise<unknown>): Promise<SpeechEngineError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpeechEngineError);
  return error as SpeechEngineError;
};

describe('OpenAI-compatible transcription recogniser', () => {
  it('sends one multipart verbose_json request per segment, as the API reference describes', async () => {
    handlers = [json(fixture('openai-verbose-json'))];
    await recognizer().recognize([speech('customer-0003', 0, 16_000)]);
    expect(requests).toHaveLength(1);
    const [seen] = requests;
    expect(seen!.authorization).toBe('Bearer sk-test');
    expect(seen!.fields).toEqual({
      model: ['whisper-1'],
      language: ['en'],
      response_format: ['verbose_json'],
      'timestamp_granularities[]': ['word', 'segment'],
      temperature: ['0'],
    });
    expect(seen!.file!.name).toBe('customer-0003.wav');
    expect(seen!.file!.type).toBe('audio/wav');
    const wav = new DataView(seen!.file!.bytes.buffer);
    expect(wav.getUint32(24, true)).toBe(16_000);
    expect(wav.getUint32(40, true)).toBe(32_000);
  });

  it("reads OpenAI's top-level words (confidence from the segment's avg_logprob)", async () => {
    handlers = [json(fixture('openai-verbose-json'))];
    const [words] = await recognizer().recognize([speech()]);
    expect(words!.map((w) => w.text)).toEqual(['Hi', "I'd", 'like', 'to', 'check', 'my', 'balance']);
    expect(words![0]).toEqual({
      text: 'Hi',
      beginMs: 10_100,
      endMs: 10_420,
      confidence: expect.closeTo(Math.exp(-0.2231), 6),
    });
  });

  it("reads faster-whisper servers' words with their own probabilities, punctuation stripped", async () => {
    handlers = [json(fixture('speaches-verbose-json'))];
    const [words] = await recognizer().recognize([speech('a', 0)]);
    expect(words!.map((w) => w.text)).toEqual(['My', 'card', 'number', 'ends', 'in', 'four', 'two']);
    expect(words!.at(-1)).toEqual({ text: 'two', beginMs: 1700, endMs: 2100, confidence: 0.58 });
  });

  it("joins whisper.cpp's per-segment tokens into words, dropping special and punctuation tokens", async () => {
    handlers = [json(fixture('whisper-cpp-verbose-json'))];
    const [words] = await recognizer().recognize([speech('a', 500)]);
    expect(words).toEqual([
      { text: 'Please', beginMs: 500, endMs: 880, confidence: 0.96 },
      { text: 'hold', beginMs: 880, endMs: 1200, confidence: 0.93 },
      { text: 'transferring', beginMs: 1300, endMs: 1920, confidence: 0.74 },
      { text: 'you', beginMs: 1920, endMs: 2100, confidence: 0.98 },
      { text: 'now', beginMs: 2100, endMs: 2450, confidence: 0.97 },
    ]);
  });

  it('spreads the words of segments that carry no word times over the segment', async () => {
    handlers = [json(fixture('segments-without-words'))];
    const [words] = await recognizer().recognize([speech('a', 0)]);
    expect(words!.map((w) => w.text)).toEqual(['Thank', 'you', 'for', 'calling', 'Goodbye']);
    expect(words![0]!.beginMs).toBe(0);
    expect(words![3]!.endMs).toBe(1600);
    expect(words![4]).toEqual({
      text: 'Goodbye',
      beginMs: 2000,
      endMs: 2800,
      confidence: expect.closeTo(0.5, 2),
    });
    for (let i = 1; i < 4; i++) expect(words![i]!.beginMs).toBe(words![i - 1]!.endMs);
  });

  it('keeps segment order with requests in flight at once, reports progress, skips blips', async () => {
    handlers = [json(fixture('speaches-verbose-json'))];
    const progress: number[] = [];
    const out = await recognizer({ concurrency: 3 }).recognize(
      [speech('a', 0), segment('blip', new Int16Array(100), 8000), speech('b', 60_000), speech('c', 120_000)],
      { onProgress: (done) => progress.push(done) },
    );
    expect(out.map((w) => w[0]?.beginMs)).toEqual([0, undefined, 60_000, 120_000]);
    expect(requests).toHaveLength(3);
    expect(progress.sort()).toEqual([1, 2, 3, 4]);
  });

  it('retries 429 (honouring Retry-After) and 5xx, then answers', async () => {
    handlers = [
      json('{"error":{"message":"Rate limit reached"}}', 429, { 'retry-after': '0' }),
      json('upstream overloaded', 503),
      json(fixture('openai-verbose-json')),
    ];
    const [words] = await recognizer().recognize([speech()]);
    expect(words).toHaveLength(7);
    expect(requests).toHaveLength(3);
  });

  it('gives up on persistent throttling with a retryable error', async () => {
    handlers = [json('{"error":{"message":"Rate limit reached"}}', 429)];
    const error = await failure(recognizer().recognize([speech()]));
    expect(error).toMatchObject({ name: 'SpeechEngineError', reason: 'throttled', retryable: true });
    expect(requests).toHaveLength(FAST_RETRY.retries + 1);
  });

  it('retries a body cut off mid-way', async () => {
    handlers = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write(fixture('openai-verbose-json').slice(0, 200));
        setTimeout(() => res.destroy(), 10);
      },
      json(fixture('openai-verbose-json')),
    ];
    const [words] = await recognizer().recognize([speech()]);
    expect(words).toHaveLength(7);
    expect(requests).toHaveLength(2);
  });

  it('times out a slow server, retries, then fails with a retryable timeout', async () => {
    handlers = [
      (_req, res) => setTimeout(() => json(fixture('openai-verbose-json'))(_req, res, requests[0]!), 1500),
    ];
    const error = await failure(recognizer({ timeoutMs: 150 }).recognize([speech()]));
    expect(error).toMatchObject({ reason: 'timeout', retryable: true });
    expect(error.message).toMatch(/no complete answer within 150 ms/);
    expect(requests).toHaveLength(FAST_RETRY.retries + 1);
  });

  it('does not retry malformed JSON, wrong shapes or whisper.cpp error bodies', async () => {
    for (const [body, message] of [
      ['{"text": "Hi", "segments": [ {"start": 0, ', /not JSON/],
      ['{"segments": "none"}', /not a verbose_json transcription/],
      ['{"error":"failed to read WAV file"}', /server error: failed to read WAV file/],
    ] as const) {
      requests = [];
      handlers = [json(body)];
      const error = await failure(recognizer().recognize([speech()]));
      expect(error).toMatchObject({ reason: 'bad-response', retryable: false });
      expect(error.message).toMatch(message);
      expect(requests).toHaveLength(1);
    }
  });

  it('names the fix for a rejected key or a wrong path, without retrying', async () => {
    handlers = [json('{"error":{"message":"Incorrect API key provided"}}', 401)];
    const unauthorized = await failure(recognizer().recognize([speech()]));
    expect(unauthorized).toMatchObject({
      reason: 'http-error',
      retryable: false,
      fix: 'set the API key (DEBRIEF_ASR_API_KEY)',
    });
    requests = [];
    handlers = [json('File Not Found (/v1/audio/transcriptions)', 404)];
    const missing = await failure(recognizer().recognize([speech()]));
    expect(missing.fix).toMatch(/--inference-path/);
    expect(requests).toHaveLength(1);
  });

  it('stops when aborted', async () => {
    handlers = [
      (_req, res) => setTimeout(() => json(fixture('openai-verbose-json'))(_req, res, requests[0]!), 1000),
    ];
    const controller = new AbortController();
    const pending = recognizer().recognize([speech(), speech('b')], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).reason).toBe('aborted');
  });

  it('reads its configuration from the environment', () => {
    expect(openAiTranscriptionConfigFromEnv({})).toBeNull();
    expect(
      openAiTranscriptionConfigFromEnv({
        DEBRIEF_ASR_URL: 'http://127.0.0.1:8080',
        DEBRIEF_ASR_PATH: '/inference',
        OPENAI_API_KEY: 'k',
      }),
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      path: '/inference',
      model: 'whisper-1',
      apiKey: 'k',
    });
    expect(() => openAiTranscriptionConfigFromEnv({ DEBRIEF_ASR_URL: 'not a url' })).toThrow();
  });
});
