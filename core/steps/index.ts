import type { z } from 'zod';
import { compileCanonicalForm } from '../../schemas/canonical-check.js';
import {
  ApplyEnrichmentInput,
  CallExecutionInput,
  CallState,
  ClaimCallInput,
  QuarantineInput,
} from '../../schemas/workflow.js';
import type { TaskName } from '../../workflows/tasks.js';
import { applyEnrichment } from './apply-enrichment.js';
import { claimCall } from './claim-call.js';
import type { StepDeps } from './deps.js';
import { detectTopicsStep } from './detect-topics.js';
import { detectToxicityStep } from './detect-toxicity.js';
import { deepFreeze, freezingStepInputs } from './frozen-inputs.js';
import { getTranscription } from './get-transcription.js';
import { inspectAudio } from './inspect-audio.js';
import { loadCall } from './load-call.js';
import { mergeCtrStep } from './merge-ctr.js';
import { postProcess } from './post-process.js';
import { quarantineCall } from './quarantine-call.js';
import { redactPiiStep } from './redact-pii.js';
import { startTranscription } from './start-transcription.js';
import { summarizeCallStep } from './summarize-call.js';
import { writeResults } from './write-results.js';

/** A task's step with its input validated at the boundary (zod), as both Lambda and local call it. */
export { freezeStepInputs } from './frozen-inputs.js';

export type Step = (rawInput: unknown, deps: StepDeps) => Promise<unknown>;

/**
 * The step with its input checked: an input already in the schema's form (what zod would return,
 * key for key: see schemas/canonical-check.ts) is given to the step as it is, anything else goes
 * through zod (its copy, its defaults, its error). zod's copy was only a defensive one: no step
 * writes to its input (test/core/step-inputs-frozen.test.ts runs the workflow with every input
 * frozen).
 */
const validated = <I extends z.ZodType>(
  input: I,
  run: (input: z.infer<I>, deps: StepDeps) => Promise<unknown>,
): Step => {
  const form = compileCanonicalForm(input);
  return (rawInput, deps) => {
    if (freezingStepInputs()) deepFreeze(rawInput);
    const checked = (form?.(rawInput) ?? input.parse(rawInput)) as z.infer<I>;
    if (freezingStepInputs()) deepFreeze(checked);
    return run(checked, deps);
  };
};

export const steps: Record<TaskName, Step> = {
  ClaimCall: validated(ClaimCallInput, claimCall),
  InspectAudio: validated(CallExecutionInput, inspectAudio),
  StartTranscription: validated(CallExecutionInput, startTranscription),
  GetTranscription: validated(CallExecutionInput, getTranscription),
  LoadCall: validated(CallExecutionInput, loadCall),
  MergeCtr: validated(CallState, mergeCtrStep),
  RedactPii: validated(CallState, redactPiiStep),
  DetectTopics: validated(CallState, detectTopicsStep),
  SummarizeCall: validated(CallState, summarizeCallStep),
  DetectToxicity: validated(CallState, detectToxicityStep),
  ApplyEnrichment: validated(ApplyEnrichmentInput, applyEnrichment),
  PostProcess: validated(CallState, postProcess),
  WriteResults: validated(CallState, writeResults),
  QuarantineCall: validated(QuarantineInput, quarantineCall),
};
