import type { z } from 'zod';
import type { CallDocument } from '../../schemas/call-document.js';
import { compileCanonicalForm } from '../../schemas/canonical-check.js';
import type { ApplyEnrichmentInput, CallState, EnrichmentPart } from '../../schemas/workflow.js';
import { loadDocument, saveDocument } from '../call-store.js';
import { transcribeAnswersAlone } from '../enrich/transcribe-summary.js';
import { failureReason } from '../failure-reason.js';
import { redactSummary } from '../pii/redact-document.js';
import type { StepDeps } from './deps.js';
import { SummaryPart, TopicsPart, ToxicityPart } from './enrich-parts.js';

/** Each part's compiled form (schemas/canonical-check.ts): a value read back is new, zod's copy of it only a second one. */
const forms = new Map<z.ZodType, ((value: unknown) => unknown) | null>(
  [TopicsPart, SummaryPart, ToxicityPart].map((schema) => [schema, compileCanonicalForm(schema)]),
);

/**
 * A branch's part: the value the branch validated and kept (local, in memory), or its object
 * read back and validated (another Lambda wrote it).
 */
const readPart = async <S extends z.ZodType>(deps: StepDeps, key: string, schema: S): Promise<z.infer<S>> => {
  const kept = deps.store.documents?.get(key);
  if (kept !== undefined) return kept as z.infer<S>;
  const read: unknown = JSON.parse(new TextDecoder().decode(await deps.store.get(key)));
  return (forms.get(schema)?.(read) as z.infer<S> | undefined) ?? schema.parse(read);
};

const emptyPart = (
  doc: CallDocument,
  part: EnrichmentPart,
  status: 'failed' | 'off' | 'not_applicable',
  reason: string,
) => {
  const enrichment = { ...doc.enrichment };
  if (part === 'topics') enrichment.topics = { status, reason, matches: [] };
  if (part === 'summary') enrichment.summary = { status, reason, value: null };
  if (part === 'toxicity')
    enrichment.toxicity = {
      status,
      reason,
      max: null,
      toxicTurns: null,
      threshold: 0,
      firstToxicMs: null,
      toxicBy: null,
    };
  return { ...doc, enrichment };
};

const failedPart = (
  doc: CallDocument,
  part: EnrichmentPart,
  reason: string,
  errorName: string,
): CallDocument => {
  const failed = emptyPart(doc, part, 'failed', reason);
  return { ...failed, problems: [...doc.problems, { part, reason, errorName }] };
};

/**
 * A failed summary still keeps Transcribe's own answers (its generative summary, issues, outcomes,
 * action items): they never needed the engine that failed, whichever it was (local, an
 * OpenAI-compatible server, Bedrock) and however it failed (an error, a timeout of the step).
 * The part stays `failed`; lineage.summary names Transcribe's fields and the failure.
 */
const keepTranscribeAnswers = (doc: CallDocument, errorName: string, piiMode: StepDeps['piiMode']) => {
  const kept = transcribeAnswersAlone(doc, errorName);
  if (!kept || !doc.enrichment.summary) return doc;
  const redacted = redactSummary(kept.value, doc, piiMode);
  return {
    ...doc,
    enrichment: { ...doc.enrichment, summary: { ...doc.enrichment.summary, value: redacted.value } },
    lineage: { ...doc.lineage, summary: kept.lineage },
    pii: doc.pii && { ...doc.pii, summaryRedactions: doc.pii.summaryRedactions + redacted.redactions },
  };
};

/**
 * ApplyEnrichment: fold the Parallel branches into the call document. A failed part leaves
 * its reason and no content (the call lands as `partial`); nothing is invented in its place
 * (a failed summary keeps what Transcribe itself answered: keepTranscribeAnswers).
 * A part switched off by configuration is recorded as `off` and is no problem (`processed`).
 */
export const applyEnrichment = async (input: ApplyEnrichmentInput, deps: StepDeps): Promise<CallState> => {
  let doc = await loadDocument(deps.store, input.documentKey);
  for (const result of input.parts) {
    if ('failed' in result) {
      doc = failedPart(doc, result.part, failureReason(result.error, null, [doc.callId]), result.error.Error);
      if (result.part === 'summary') doc = keepTranscribeAnswers(doc, result.error.Error, deps.piiMode);
      continue;
    }
    if ('off' in result) {
      doc = emptyPart(doc, result.part, 'off', result.reason);
      continue;
    }
    if ('notApplicable' in result) {
      doc = emptyPart(doc, result.part, 'not_applicable', result.reason);
      continue;
    }
    if (result.part === 'topics') {
      const p = await readPart(deps, result.key, TopicsPart);
      doc = {
        ...doc,
        enrichment: {
          ...doc.enrichment,
          topics: { status: 'ok', reason: null, matches: p.matches, source: p.source },
        },
        lineage: { ...doc.lineage, topics: p.lineage },
      };
    } else if (result.part === 'summary') {
      const p = await readPart(deps, result.key, SummaryPart);
      // The summary enters the document here: redacted once more, whoever wrote the part.
      const again = redactSummary(p.value, doc, deps.piiMode);
      doc = {
        ...doc,
        enrichment: { ...doc.enrichment, summary: { status: 'ok', reason: null, value: again.value } },
        lineage: {
          ...doc.lineage,
          summary: p.lineage,
          ...(p.alsoFrom ? { summaryFields: p.alsoFrom } : {}),
        },
        pii: doc.pii && {
          ...doc.pii,
          summaryRedactions: doc.pii.summaryRedactions + p.piiRedactions + again.redactions,
        },
      };
    } else {
      const p = await readPart(deps, result.key, ToxicityPart);
      const byIndex = new Map(p.turns.map((t) => [t.index, t]));
      doc = {
        ...doc,
        turns: doc.turns.map((t) => {
          const scored = byIndex.get(t.index);
          return scored
            ? { ...t, toxicity: scored.toxicity, toxicityLabel: scored.label, toxicityLabels: scored.labels }
            : t;
        }),
        enrichment: {
          ...doc.enrichment,
          toxicity: {
            status: 'ok',
            reason: null,
            max: p.max,
            toxicTurns: p.toxicTurns,
            threshold: p.threshold,
            firstToxicMs: p.firstToxicMs,
            toxicBy: p.toxicBy,
          },
        },
        lineage: { ...doc.lineage, toxicity: p.lineage },
      };
    }
  }
  await saveDocument(deps.store, input.documentKey, doc);
  const { parts: _parts, ...state } = input;
  return state;
};
