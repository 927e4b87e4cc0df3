import { z } from 'zod';
import { CallDocument } from './call-document.js';
import { GenesysConversation, RecordingMetadata } from './genesys-conversation.js';
import { tables } from './tables.js';
import { TranscribeCallAnalyticsOutput } from './transcribe-call-analytics.js';
import { CallExecutionInput } from './workflow.js';

/** Every schema we publish as JSON Schema (for other teams and tools), by file stem. */
const published: Record<string, z.ZodType> = {
  'transcribe-call-analytics-output': TranscribeCallAnalyticsOutput,
  'genesys-conversation-detail': GenesysConversation,
  'recording-metadata': RecordingMetadata,
  'call-document': CallDocument,
  'call-execution-input': CallExecutionInput,
  ...Object.fromEntries(Object.values(tables).map((t) => [`row-${t.name.replaceAll('_', '-')}`, t.row])),
};

/** The JSON Schema documents, as the text written under schemas/json/. */
export const jsonSchemaFiles = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(published).map(([stem, schema]) => [
      `${stem}.schema.json`,
      `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`,
    ]),
  );
