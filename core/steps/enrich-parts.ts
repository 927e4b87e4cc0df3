import { z } from 'zod';
import { CallSummary, LineageEntry, TopicMatch, TopicSource } from '../../schemas/call-document.js';
import type { EnrichmentPart } from '../../schemas/workflow.js';
import { workFolderOf } from '../call-store.js';

/** Each enrichment branch writes its result as a small JSON object next to the call document. */
export const TopicsPart = z.object({
  matches: z.array(TopicMatch),
  lineage: LineageEntry,
  /** Who gave the topics (a part written by a DetectTopics before it was kept: the model). */
  source: TopicSource.default('model'),
});
export const SummaryPart = z.object({
  value: CallSummary,
  /** The engine that wrote the summary text (and where each other field came from, in its note). */
  lineage: LineageEntry,
  /** The other engine, when Transcribe's answers and a summary engine's were combined. */
  alsoFrom: LineageEntry.nullable().default(null),
  /** Values the PII redactor removed from the summary's text. */
  piiRedactions: z.int().nonnegative().default(0),
});
export const ToxicityPart = z.object({
  turns: z.array(
    z.object({
      index: z.int(),
      toxicity: z.number(),
      label: z.string().nullable(),
      labels: z.array(z.string()).default([]),
    }),
  ),
  max: z.number().nullable(),
  toxicTurns: z.int(),
  firstToxicMs: z.number().nullable().default(null),
  toxicBy: z.enum(['CUSTOMER', 'AGENT', 'BOTH']).nullable().default(null),
  threshold: z.number(),
  lineage: LineageEntry,
});

/** Next to the execution's own call document (core/call-store.ts documentKeyFor). */
export const partKey = (documentKey: string, part: EnrichmentPart): string =>
  `${workFolderOf(documentKey)}/${part}.json`;
