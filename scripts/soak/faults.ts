import { createHash } from 'node:crypto';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import { EngineError, ThrottledError } from '../../core/errors.js';
import type { PostProcessor } from '../../core/post-processor.js';
import type { StepDeps } from '../../core/steps/deps.js';

/**
 * The soak test's faults. Deterministic ones depend on the call id only, so every run of a call
 * meets them and its final state is known in advance; transient ones are random per process and
 * switched off for the final run.
 */
const bucket = (callId: string, salt: string): number =>
  createHash('sha256').update(`${salt}\0${callId}`).digest().readUInt32BE(0) / 2 ** 32;

/** About 4% of calls: a developer's post-processor throws on them (quarantined). */
export const postProcessorFails = (callId: string): boolean => bucket(callId, 'post') < 0.04;
/** About 6% of calls: the summary engine fails for good on them (partial). */
export const summaryFails = (callId: string): boolean => bucket(callId, 'summary') < 0.06;

/** The custom metric every landed call carries: its turn count. */
export const SOAK_METRIC = 'soak_turns';

export const chaosPostProcessor: PostProcessor = {
  name: 'soak-chaos',
  version: '2',
  process: (doc) => {
    if (postProcessorFails(doc.callId)) throw new Error('soak: this post-processor rejects the call');
    // A number per call, so call_metrics is written (and checked exactly once) like every table.
    return { ...doc, customMetrics: { ...doc.customMetrics, [SOAK_METRIC]: doc.turns.length } };
  },
};

export const failingSummaries = async (): Promise<Enrichers> => {
  const real = await createLocalEnrichers();
  const summarizer = real.summarizer;
  if (!summarizer) return real;
  return {
    ...real,
    summarizer: {
      lineage: () => summarizer.lineage(),
      summarize: async (input) => {
        if (summaryFails(input.callId))
          throw new EngineError('summarizer', 'soak: the model endpoint is down');
        return summarizer.summarize(input);
      },
    },
  };
};

/** Random transient failures of storage writes (S3 SlowDown, a busy disk): the workflow retries them. */
export const flakyWrites =
  (rate: number) =>
  (deps: StepDeps): StepDeps => {
    const store = new Proxy(deps.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || (prop !== 'put' && prop !== 'get')) return value;
        return async (...args: unknown[]) => {
          if (Math.random() < rate)
            throw new ThrottledError(`soak: storage asked to slow down on ${String(args[0])}`);
          return value.apply(target, args);
        };
      },
    });
    return { ...deps, store };
  };
