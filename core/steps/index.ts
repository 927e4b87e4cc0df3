import type { z } from 'zod';
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

export { freezeStepInputs } from './frozen-inputs.js';

/** A task's step with its input validated at the boundary (zod), as both Lambda and local call it. */
export type Step = (rawInput: unknown, deps: StepDeps) => Promise<unknown>;

/**
 * The step with its input checked by zod: the step gets zod's copy. No step writes to its input
 * (test/core/step-inputs-frozen.test.ts runs the workflow with every input deep-frozen), so the
 * copy is only a defensive one; taking an input already in the schema's form as it is
 * (schemas/canonical-check.ts) was measured and saves about 5 µs a call: not done.
 */
const validated =
  <I extends z.ZodType>(input: I, run: (input: z.infer<I>, deps: StepDeps) => Promise<unknown>): Step =>
  (rawInput, deps) => {
    if (freezingStepInputs()) deepFreeze(rawInput);
    const checked = input.parse(rawInput) as z.infer<I>;
    if (freezingStepInputs()) deepFreeze(checked);
    return run(checked, deps);
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
