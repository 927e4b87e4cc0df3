import { z } from 'zod';
import { callEngine, type RetryPolicy } from '../../core/enrich/engine-call.js';
import {
  createToolSummarizer,
  SUMMARY_PROMPT_HASH,
  SUMMARY_SYSTEM_PROMPT,
  SUMMARY_TOOL_DESCRIPTION,
  SUMMARY_TOOL_NAME,
  SUMMARY_TOOL_SCHEMA,
} from '../../core/enrich/tool-summary.js';
import { EngineError } from '../../core/errors.js';
import type { Summarizer } from '../../core/ports/summarizer.js';
import type { LineageEntry } from '../../schemas/call-document.js';

const ENGINE = 'openai-chat';

/**
 * Errors worth another attempt by callEngine's retry policy: a refused connection, a connection
 * dropped while the answer was read (retried like a 5xx), 429 and a 500.
 * Not our own timeout: a server that took the whole limit on a request takes it again (4 tries of
 * 120 s outran the local step's 300 s, and the reason named neither the server nor the limit).
 * Not 502/503/504 either: those have a budget of their own (UNAVAILABLE below).
 * Only 429 is throttling: once the retries are spent it is a ThrottledError (the workflow retries
 * it later, and the reason says "slow down"); the others are the server failing or not being
 * there, an EngineError that says so (giveUp below).
 */
const TRANSIENT = ['ConnectionError', 'ConnectionDropped', 'HttpStatus429', 'HttpStatus500'] as const;

/** The statuses of a server that is there but not ready: llama.cpp answers 503 "Loading model"; 502/504 from a proxy. */
const UNAVAILABLE = new Set([502, 503, 504]);

/**
 * How long a call waits for a server that answers 502/503/504: a llama-server loading its model
 * answers 503 for 10-60 s, longer than callEngine's 4 tries (about 3 s). A Retry-After header
 * (seconds or an HTTP date) is honoured, capped at maxRetryAfterMs; otherwise the waits double
 * from minDelayMs to maxDelayMs. Once budgetMs of waiting is spent (or maxTries requests were
 * made) the call gives up: 'the server at <url> failed after N tries'.
 */
export interface UnavailablePolicy {
  budgetMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  maxTries: number;
}

export const DEFAULT_UNAVAILABLE_POLICY: UnavailablePolicy = {
  budgetMs: 30_000,
  minDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 15_000,
  maxTries: 30,
};

/** A Retry-After header in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: number = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/u.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** One request's limit unless DEBRIEF_OPENAI_TIMEOUT_MS says otherwise: below the local step's 300 s. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/**
 * The longest limit a timer can keep (2^31-1 ms, about 24.8 days): Node's AbortSignal.timeout
 * fires after 1 ms for a longer one, and throws beyond 2^32-1.
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

export interface ChatSummarizerOptions {
  /** The server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  /** The model name the server expects (llama.cpp ignores it; Ollama and vLLM route by it). */
  model: string;
  /** Sent as a Bearer token when set (vLLM --api-key, hosted gateways); never logged. */
  apiKey?: string;
  maxTokens?: number;
  temperature?: number;
  /**
   * How the tool is forced: `required` (one tool offered, so it must be this one; what
   * llama.cpp's server honours) or `named` (OpenAI's {type:function, function:{name}}).
   */
  toolChoice?: 'required' | 'named';
  /**
   * Abort one request after this long (DEBRIEF_OPENAI_TIMEOUT_MS; 120 s by default, below the
   * local step's 300 s; at most MAX_TIMEOUT_MS). A request that times out is not retried. Per
   * request: a long call's parts and combining request each have it, all within one step.
   */
  timeoutMs?: number;
  maxChunkChars?: number;
  retry?: RetryPolicy;
  /** The wait for a server answering 502/503/504 (DEFAULT_UNAVAILABLE_POLICY: about 30 s in all). */
  unavailable?: Partial<UnavailablePolicy>;
  /** How the adapter waits between 502/503/504 answers; injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** The part of a chat-completions response we read (https://platform.openai.com/docs/api-reference/chat/object). */
const ChatCompletion = z.object({
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                type: z.string().optional(),
                function: z.object({
                  name: z.string(),
                  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]),
                }),
              }),
            )
            .nullish(),
        }),
      }),
    )
    .min(1),
});

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    /** The server's Retry-After, in milliseconds, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status}: ${detail}`);
    this.name = `HttpStatus${status}`;
  }
}

class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly url: string,
    /** What the network said (connect ECONNREFUSED 127.0.0.1:8080), or ''. */
    readonly why: string,
  ) {
    super(`cannot reach ${url}${why ? `: ${why}` : ''}`);
  }
}

/** The server was reached and answered, but the connection broke while its body was read. */
class ConnectionDroppedError extends Error {
  override readonly name = 'ConnectionDropped';
  constructor(
    readonly url: string,
    /** What the network said (other side closed, read ECONNRESET), or ''. */
    readonly why: string,
  ) {
    super(`the connection to ${url} dropped while reading the answer${why ? `: ${why}` : ''}`);
  }
}

/** The network's own words: undici's 'terminated' carries the socket's error as its cause. */
const networkDetail = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
};

/** The server's own error message when it sent JSON ({"error": {"message": …}}, {"error": "…"}, {"message": …}). */
const jsonErrorMessage = (body: string): string | undefined => {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return undefined;
};

/** The server's message, or the start of whatever it sent (an HTML page, plain text). */
const errorDetail = (body: string): string => jsonErrorMessage(body) ?? body.slice(0, 200);

/**
 * A 500 that is about the request, not the moment: llama.cpp answers 500 for a parameter it does
 * not take ("tools param requires --jinja flag", "Unsupported param: ..."), and the same request
 * fails the same way every time, so it is not retried. Only these known phrases, and only in a
 * JSON error's message: 'requires' and 'invalid' alone are also in messages worth a retry
 * (Ollama's "model requires more system memory", "server busy: request requires a free slot",
 * Go's "invalid memory address", an HTML page that "requires JavaScript").
 */
const REFUSED_REQUEST = /--jinja|^Unsupported param|not supported/iu;
const refusesRequest = (body: string): boolean => {
  const message = jsonErrorMessage(body);
  return message !== undefined && REFUSED_REQUEST.test(message.trim());
};

export const chatCompletionsUrl = (baseUrl: string): string =>
  `${baseUrl.replace(/\/+$/u, '')}/chat/completions`;

/**
 * A summary engine on any OpenAI-compatible chat-completions server (llama.cpp server, Ollama,
 * vLLM, …): one POST per request with the same system prompt, forced tool and validation as the
 * Bedrock adapter (core/enrich/tool-summary.ts). Nothing here is specific to one server.
 */
export const createChatSummarizer = (options: ChatSummarizerOptions): Summarizer => {
  const doFetch = options.fetch ?? fetch;
  const url = chatCompletionsUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new Error(
      `openai-chat: timeoutMs must be a whole number of ms from 1 to ${MAX_TIMEOUT_MS}, not ${timeoutMs}`,
    );
  }
  const unavailable: UnavailablePolicy = { ...DEFAULT_UNAVAILABLE_POLICY, ...options.unavailable };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxTokens = options.maxTokens ?? 1024;
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: 'chat-completions',
    model: options.model,
    promptHash: SUMMARY_PROMPT_HASH,
    note: `OpenAI-compatible server at ${new URL(url).origin}`,
  };
  const toolChoice =
    (options.toolChoice ?? 'required') === 'required'
      ? 'required'
      : { type: 'function', function: { name: SUMMARY_TOOL_NAME } };

  const isTimeout = (error: unknown): boolean =>
    error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const timedOut = () =>
    new EngineError(
      ENGINE,
      `the server at ${url} did not answer within ${timeoutMs / 1000} s (DEBRIEF_OPENAI_TIMEOUT_MS=${timeoutMs}); not retried: a slower machine or a smaller model needs a longer limit`,
    );

  const post = async (text: string): Promise<unknown> => {
    const body = {
      model: options.model,
      messages: [
        { role: 'system', content: SUMMARY_SYSTEM_PROMPT },
        { role: 'user', content: text },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: SUMMARY_TOOL_NAME,
            description: SUMMARY_TOOL_DESCRIPTION,
            parameters: SUMMARY_TOOL_SCHEMA,
          },
        },
      ],
      tool_choice: toolChoice,
      temperature: options.temperature ?? 0,
      max_tokens: maxTokens,
      stream: false,
    };
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) throw timedOut();
      throw new ConnectionError(
        url,
        error instanceof Error && error.cause instanceof Error ? error.cause.message : '',
      );
    }
    let raw: string;
    try {
      raw = await response.text();
    } catch (error) {
      // The limit covers the whole answer: a server that sends headers and then stalls times out too.
      if (isTimeout(error)) throw timedOut();
      // The server was reached: not 'could not reach', and worth another try like a 5xx.
      throw new ConnectionDroppedError(url, networkDetail(error));
    }
    if (!response.ok) {
      const detail = errorDetail(raw);
      if (response.status === 500 && refusesRequest(raw)) {
        const jinja = /jinja/iu.test(detail) ? '; llama.cpp: start llama-server with --jinja' : '';
        throw new EngineError(
          ENGINE,
          `the server at ${url} refused the request (HTTP 500: ${detail}), not retried: the same request fails the same way${jinja}`,
        );
      }
      throw new HttpStatusError(response.status, detail, retryAfterMs(response.headers.get('retry-after')));
    }
    try {
      return JSON.parse(raw);
    } catch {
      throw new EngineError(ENGINE, `${url} answered with a body that is not JSON (${raw.slice(0, 80)})`);
    }
  };

  /**
   * One attempt as callEngine sees it: the requests of a server answering 502/503/504 are
   * repeated here, within the call's budget (`waited` is shared by the call's attempts).
   */
  const attempt = async (
    text: string,
    state: { tries: number; waited: number; delay: number },
  ): Promise<unknown> => {
    for (;;) {
      try {
        state.tries += 1;
        return await post(text);
      } catch (error) {
        if (!(error instanceof HttpStatusError) || !UNAVAILABLE.has(error.status)) throw error;
        const left = unavailable.budgetMs - state.waited;
        if (left <= 0 || state.tries >= unavailable.maxTries) throw error;
        const wanted =
          error.retryAfterMs !== undefined
            ? Math.min(error.retryAfterMs, unavailable.maxRetryAfterMs)
            : state.delay;
        const wait = Math.min(Math.max(wanted, unavailable.minDelayMs), left);
        state.delay = Math.min(state.delay * 2, unavailable.maxDelayMs);
        state.waited += wait;
        await sleep(wait);
      }
    }
  };

  const tried = (tries: number) => `after ${tries} ${tries === 1 ? 'try' : 'tries'}`;
  /** What is left once the retries are spent: only 429 stays throttling (callEngine's default). */
  const giveUp = (error: unknown, tries: number): EngineError | undefined => {
    if (error instanceof ConnectionError) {
      return new EngineError(
        ENGINE,
        `could not reach the server at ${url} ${tried(tries)}${error.why ? ` (${error.why})` : ''}; is it running, and is DEBRIEF_OPENAI_BASE_URL right?`,
      );
    }
    if (error instanceof ConnectionDroppedError) {
      return new EngineError(
        ENGINE,
        `the connection to ${url} dropped while reading the answer${error.why ? ` (${error.why})` : ''}, ${tried(tries)}`,
      );
    }
    if (error instanceof HttpStatusError && error.status >= 500) {
      return new EngineError(ENGINE, `the server at ${url} failed ${tried(tries)} (${error.message})`);
    }
    return undefined;
  };

  return createToolSummarizer({
    engine: ENGINE,
    model: options.model,
    lineage,
    maxChunkChars: options.maxChunkChars ?? 24_000,
    complete: async (text) => {
      const state = { tries: 0, waited: 0, delay: unavailable.minDelayMs };
      const json = await callEngine(ENGINE, () => attempt(text, state), {
        transientErrors: TRANSIENT,
        // Every request counts, the 502/503/504 ones repeated within an attempt included.
        giveUp: (error) => giveUp(error, state.tries),
        ...(options.retry ? { retry: options.retry } : {}),
      });
      const parsed = ChatCompletion.safeParse(json);
      if (!parsed.success) {
        throw new EngineError(
          ENGINE,
          `${options.model} broke the chat-completions contract: ${parsed.error.message}`,
        );
      }
      const choice = parsed.data.choices[0]!;
      const call = choice.message.tool_calls?.find((c) => c.function.name === SUMMARY_TOOL_NAME);
      if (call === undefined && choice.finish_reason === 'length') {
        throw new EngineError(
          ENGINE,
          `${options.model} output was truncated at the token limit (max_tokens ${maxTokens}) before it called ${SUMMARY_TOOL_NAME}`,
        );
      }
      if (call === undefined) {
        throw new EngineError(
          ENGINE,
          `${options.model} did not call ${SUMMARY_TOOL_NAME} (finish_reason ${choice.finish_reason ?? 'none'}); the server must support tool calls (llama.cpp: --jinja)`,
        );
      }
      return { input: call.function.arguments, truncated: choice.finish_reason === 'length' };
    },
  });
};
