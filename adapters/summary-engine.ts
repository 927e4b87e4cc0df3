import { z } from 'zod';
import type { Summarizer } from '../core/ports/summarizer.js';
import { createChatSummarizer, MAX_TIMEOUT_MS } from './openai/chat-summarizer.js';

/**
 * Which engine writes summaries outside AWS — the one place that chooses. `local` is the
 * embedded extractive summarizer; `openai` is any OpenAI-compatible chat-completions server
 * (llama.cpp server, Ollama, vLLM). On AWS, functions/ builds the Bedrock summarizer.
 * (Transcribe's own summary, where a call has one, is preferred in core/enrich/summary.ts.)
 */
export const SummaryEngineConfig = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('local') }),
  z.object({
    engine: z.literal('openai'),
    /** e.g. http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8000/v1 (vLLM). */
    baseUrl: z.url(),
    model: z.string().min(1),
    apiKey: z.string().min(1).optional(),
    toolChoice: z.enum(['required', 'named']).optional(),
    /** Per request (a long call makes several); a timer cannot wait longer than MAX_TIMEOUT_MS. */
    timeoutMs: z
      .number()
      .int()
      .positive()
      .max(MAX_TIMEOUT_MS, `at most ${MAX_TIMEOUT_MS} ms (about 24.8 days; a timer cannot wait longer)`)
      .optional(),
    maxTokens: z.number().int().positive().optional(),
  }),
]);
export type SummaryEngineConfig = z.infer<typeof SummaryEngineConfig>;

/**
 * The summary engine from the environment: DEBRIEF_SUMMARY_ENGINE=local (default) or openai,
 * with DEBRIEF_OPENAI_BASE_URL, DEBRIEF_OPENAI_MODEL and optionally DEBRIEF_OPENAI_API_KEY,
 * DEBRIEF_OPENAI_TOOL_CHOICE (required|named), DEBRIEF_OPENAI_TIMEOUT_MS.
 */
export const summaryEngineFromEnv = (env: NodeJS.ProcessEnv = process.env): SummaryEngineConfig => {
  const engine = env.DEBRIEF_SUMMARY_ENGINE ?? 'local';
  const parsed = SummaryEngineConfig.safeParse(
    engine === 'openai'
      ? {
          engine,
          baseUrl: env.DEBRIEF_OPENAI_BASE_URL,
          model: env.DEBRIEF_OPENAI_MODEL,
          apiKey: env.DEBRIEF_OPENAI_API_KEY || undefined,
          toolChoice: env.DEBRIEF_OPENAI_TOOL_CHOICE || undefined,
          timeoutMs: env.DEBRIEF_OPENAI_TIMEOUT_MS ? Number(env.DEBRIEF_OPENAI_TIMEOUT_MS) : undefined,
        }
      : { engine },
  );
  if (!parsed.success) {
    throw new Error(
      `summary engine settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'DEBRIEF_SUMMARY_ENGINE'}: ${i.message}`).join('; ')} (DEBRIEF_SUMMARY_ENGINE=local|openai; openai needs DEBRIEF_OPENAI_BASE_URL and DEBRIEF_OPENAI_MODEL)`,
    );
  }
  return parsed.data;
};

export const createSummaryEngine = (config: SummaryEngineConfig, local: () => Summarizer): Summarizer =>
  config.engine === 'openai'
    ? createChatSummarizer({
        baseUrl: config.baseUrl,
        model: config.model,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
        ...(config.toolChoice ? { toolChoice: config.toolChoice } : {}),
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
        ...(config.maxTokens ? { maxTokens: config.maxTokens } : {}),
      })
    : local();
