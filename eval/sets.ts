import { readFileSync } from 'node:fs';
import { type LabelledCall, parseLabelledCalls } from './labelled-calls.js';

/**
 * The evaluation sets (eval/README.md): `frozen` and `holdout` are for reporting only (their
 * misses are never listed), `dev`, `dev2`, `dev3`, `dev4` and `dev5` for tuning.
 */
export const EVAL_SETS = {
  frozen: new URL('./frozen/calls.txt', import.meta.url).pathname,
  holdout: new URL('./holdout/calls.txt', import.meta.url).pathname,
  dev: new URL('./dev/calls.txt', import.meta.url).pathname,
  dev2: new URL('./dev2/calls.txt', import.meta.url).pathname,
  dev3: new URL('./dev3/calls.txt', import.meta.url).pathname,
  dev4: new URL('./dev4/calls.txt', import.meta.url).pathname,
  dev5: new URL('./dev5/calls.txt', import.meta.url).pathname,
} as const;
export type EvalSetName = keyof typeof EVAL_SETS;

export const readLabelledCalls = (path: string): LabelledCall[] =>
  parseLabelledCalls(readFileSync(path, 'utf8'), path);

export const readEvalSet = (name: EvalSetName): LabelledCall[] => readLabelledCalls(EVAL_SETS[name]);
