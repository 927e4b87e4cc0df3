import pLimit from 'p-limit';
import pRetry from 'p-retry';
import { z } from 'zod';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../../core/enrich/engine-call.js';
import { SpeechEngineError } from '../../../../core/errors.js';
import type {
  RecognizedWord,
  RecognizeOptions,
  SpeechRecognizer,
  SpeechSegment,
} from '../../../../core/ports/speech-recognizer.js';
import { recognizedWords, ServerErrorBody, VerboseTranscription } from './openai-transcription-response.js';
import { encodeWav } from './pcm.js';
import { MIN_SEGMENT_MS, requireSupportedRates, segmentMs } from './segment-checks.js';

const ENGINE = 'openai-transcriptions';

/** Where the server is and how to call it (a deployment's configuration, validated). */
export const OpenAiTranscriptionConfig = z.object({
  /** e.g. http://127.0.0.1:8000/v1 (speaches), http://127.0.0.1:8080/v1 (whisper.cpp with --inference-path). */
  baseUrl: z.url(),
  /** Appended to baseUrl. whisper.cpp's server answers on /inference unless started with --inference-path. */
  path: z.string().startsWith('/').default('/audio/transcriptions'),
  /** Model name the server knows ("whisper-1", "Systran/faster-whisper-small.en", "ggml-base.en"). */
  model: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  /** ISO-639-1; tells Whisper not to guess. */
  language: z.string().min(2).default('en'),
  /** Per request, including reading the answer. */
  timeoutMs: z.number().int().positive().default(120_000),
  /** Requests in flight at once. */
  concurrency: z.number().int().positive().default(2),
});
export type OpenAiTranscriptionConfig = z.input<typeof OpenAiTranscriptionConfig>;

/** DEBRIEF_ASR_URL, DEBRIEF_ASR_MODEL, DEBRIEF_ASR_API_KEY (or OPENAI_API_KEY), DEBRIEF_ASR_PATH. */
export const openAiTranscriptionConfigFromEnv = (
  env: NodeJS.ProcessEnv,
): OpenAiTranscriptionConfig | null => {
  if (!env.DEBRIEF_ASR_URL) return null;
  return OpenAiTranscriptionConfig.parse({
    baseUrl: env.DEBRIEF_ASR_URL,
    model: env.DEBRIEF_ASR_MODEL ?? 'whisper-1',
    apiKey: env.DEBRIEF_ASR_API_KEY ?? env.OPENAI_API_KEY,
    ...(env.DEBRIEF_ASR_PATH ? { path: env.DEBRIEF_ASR_PATH } : {}),
  });
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * A recogniser over any OpenAI-compatible `/v1/audio/transcriptions` server: one multipart POST
 * per segment (16-bit WAV at the segment's own rate) with `response_format=verbose_json` and
 * `timestamp_granularities[]=word`. 429, 5xx, timeouts and cut-off answers are retried with
 * backoff (Retry-After honoured up to the policy's longest wait); what remains becomes a
 * SpeechEngineError (`throttled`/`timeout` are retryable for the workflow, the rest are not).
 */
export const createOpenAiTranscriptionRecognizer = (
  config: OpenAiTranscriptionConfig,
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): SpeechRecognizer => {
  const c = OpenAiTranscriptionConfig.parse(config);
  const url = `${c.baseUrl.replace(/\/+$/, '')}${c.path}`;
  const info = {
    engine: ENGINE,
    version: 'verbose_json',
    model: `${c.model} @ ${new URL(c.baseUrl).host}`,
    modelHash: null,
    note: 'transcribed by an OpenAI-compatible server; its model decides the quality',
  };

  const once = async (segment: SpeechSegment, signal?: AbortSignal): Promise<RecognizedWord[]> => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([encodeWav(segment.samples, segment.sampleRate)], { type: 'audio/wav' }),
      `${segment.id}.wav`,
    );
    form.append('model', c.model);
    form.append('language', c.language);
    form.append('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'word');
    form.append('timestamp_granularities[]', 'segment');
    form.append('temperature', '0');
    const timeout = AbortSignal.timeout(c.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let body: string;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: form,
        headers: c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {},
        signal: combined,
      });
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw new SpeechEngineError(ENGINE, 'aborted', 'aborted');
      if (timeout.aborted)
        throw new SpeechEngineError(ENGINE, 'timeout', `${url}: no complete answer within ${c.timeoutMs} ms`);
      // Refused connections, resets, bodies cut off mid-way: worth another attempt.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new SpeechEngineError(
        ENGINE,
        'unavailable',
        `${url}: ${cause?.code ?? cause?.message ?? String(error)}`,
      );
    }
    if (response.status === 429) {
      const wait = Number(response.headers.get('retry-after'));
      if (Number.isFinite(wait) && wait > 0) await sleep(Math.min(wait * 1000, retry.maxTimeoutMs), signal);
      throw new SpeechEngineError(ENGINE, 'throttled', `${url}: 429 ${body.slice(0, 200)}`);
    }
    if (response.status >= 500) {
      throw new SpeechEngineError(ENGINE, 'unavailable', `${url}: ${response.status} ${body.slice(0, 200)}`);
    }
    if (!response.ok) {
      const fix =
        response.status === 401 || response.status === 403
          ? 'set the API key (DEBRIEF_ASR_API_KEY)'
          : response.status === 404
            ? `check the base URL and path (${url}); whisper.cpp serves /inference unless started with --inference-path /v1/audio/transcriptions`
            : null;
      throw new SpeechEngineError(
        ENGINE,
        'http-error',
        `${url}: ${response.status} ${body.slice(0, 300)}`,
        fix,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new SpeechEngineError(
        ENGINE,
        'bad-response',
        `${url}: answer is not JSON: ${body.slice(0, 120)}`,
      );
    }
    const failure = ServerErrorBody.safeParse(json);
    if (failure.success) {
      const e = failure.data.error;
      throw new SpeechEngineError(
        ENGINE,
        'bad-response',
        `${url}: server error: ${typeof e === 'string' ? e : e.message}`,
      );
    }
    const parsed = VerboseTranscription.safeParse(json);
    if (!parsed.success) {
      throw new SpeechEngineError(
        ENGINE,
        'bad-response',
        `${url}: not a verbose_json transcription: ${parsed.error.message.slice(0, 300)}`,
      );
    }
    return recognizedWords(parsed.data, segment.beginMs);
  };

  const recognize = async (
    segments: readonly SpeechSegment[],
    { signal, onProgress }: RecognizeOptions = {},
  ): Promise<RecognizedWord[][]> => {
    requireSupportedRates(ENGINE, segments);
    const limit = pLimit(c.concurrency);
    let done = 0;
    const local = new AbortController();
    const stop = AbortSignal.any([local.signal, ...(signal ? [signal] : [])]);
    try {
      return await Promise.all(
        segments.map((segment) =>
          limit(async () => {
            let words: RecognizedWord[] = [];
            if (segmentMs(segment) >= MIN_SEGMENT_MS) {
              if (stop.aborted) throw new SpeechEngineError(ENGINE, 'aborted', 'aborted');
              words = await pRetry(() => once(segment, stop), {
                retries: retry.retries,
                minTimeout: retry.minTimeoutMs,
                maxTimeout: retry.maxTimeoutMs,
                randomize: true,
                signal: stop,
                shouldRetry: ({ error }) => error instanceof SpeechEngineError && error.retryable,
              });
            }
            onProgress?.(++done, segments.length);
            return words;
          }),
        ),
      );
    } catch (error) {
      local.abort(); // the first failure stops the requests still queued or in flight
      if (error instanceof SpeechEngineError) throw error;
      if (signal?.aborted) throw new SpeechEngineError(ENGINE, 'aborted', 'aborted');
      throw new SpeechEngineError(ENGINE, 'bad-response', String(error));
    }
  };
  return { info, recognize };
};
