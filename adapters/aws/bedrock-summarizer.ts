import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  type ToolInputSchema,
} from '@aws-sdk/client-bedrock-runtime';
import { callEngine, type RetryPolicy } from '../../core/enrich/engine-call.js';
import {
  createToolSummarizer,
  SUMMARY_PROMPT_HASH,
  SUMMARY_SYSTEM_PROMPT,
  SUMMARY_TOOL_DESCRIPTION,
  SUMMARY_TOOL_NAME,
  SUMMARY_TOOL_SCHEMA,
} from '../../core/enrich/tool-summary.js';
import type { Summarizer } from '../../core/ports/summarizer.js';
import type { LineageEntry } from '../../schemas/call-document.js';

export { SUMMARY_PROMPT_HASH, SUMMARY_SYSTEM_PROMPT, SUMMARY_TOOL_NAME, SUMMARY_TOOL_SCHEMA };

const ENGINE = 'bedrock';

const TRANSIENT = [
  'ThrottlingException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ServiceUnavailableException',
  'InternalServerException',
] as const;

export interface BedrockSummarizerOptions {
  client: BedrockRuntimeClient;
  /** A model id or inference profile, e.g. `amazon.nova-lite-v1:0`. */
  modelId: string;
  maxTokens?: number;
  temperature?: number;
  /**
   * Transcript characters per request. Calls longer than this are summarized part by part and
   * the parts combined (map-reduce); keep it well inside the model's context window.
   */
  maxChunkChars?: number;
  retry?: RetryPolicy;
}

/** Bedrock Converse with the summary tool forced (core/enrich/tool-summary.ts holds the prompt and checks). */
export const createBedrockSummarizer = (options: BedrockSummarizerOptions): Summarizer => {
  const lineage: LineageEntry = {
    engine: ENGINE,
    version: 'converse',
    model: options.modelId,
    promptHash: SUMMARY_PROMPT_HASH,
    note: null,
  };
  return createToolSummarizer({
    engine: ENGINE,
    model: options.modelId,
    lineage,
    maxChunkChars: options.maxChunkChars ?? 48_000,
    complete: async (text) => {
      const output: ConverseCommandOutput = await callEngine(
        ENGINE,
        () =>
          options.client.send(
            new ConverseCommand({
              modelId: options.modelId,
              system: [{ text: SUMMARY_SYSTEM_PROMPT }],
              messages: [{ role: 'user', content: [{ text }] }],
              inferenceConfig: {
                maxTokens: options.maxTokens ?? 1024,
                temperature: options.temperature ?? 0,
              },
              toolConfig: {
                tools: [
                  {
                    toolSpec: {
                      name: SUMMARY_TOOL_NAME,
                      description: SUMMARY_TOOL_DESCRIPTION,
                      inputSchema: {
                        json: SUMMARY_TOOL_SCHEMA as unknown as ToolInputSchema.JsonMember['json'],
                      },
                    },
                  },
                ],
                toolChoice: { tool: { name: SUMMARY_TOOL_NAME } },
              },
            }),
          ),
        { transientErrors: TRANSIENT, ...(options.retry ? { retry: options.retry } : {}) },
      );
      const toolUse = output.output?.message?.content?.find(
        (block) => block.toolUse?.name === SUMMARY_TOOL_NAME,
      )?.toolUse;
      if (toolUse === undefined) return null;
      return { input: toolUse.input, truncated: output.stopReason === 'max_tokens' };
    },
  });
};
