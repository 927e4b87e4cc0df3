import { describe, expect, it } from 'vitest';
import { benchesRun } from '../../bench/figures.js';

const ALL = ['merge-ctr', 'throughput', 'startup', 'lake'];

describe('npm run bench -- --save: which benches a run replaces in bench/results/<version>.json', () => {
  // fix20: a --save run without names replaced the lake bench's saved figures with none (it skips
  // itself unless asked), where the README says a run keeps the benches it did not run.
  it('every bench but the lake when none is named; the lake only when named or with --lake', () => {
    expect(benchesRun(ALL, [], ['--save'])).toEqual(['merge-ctr', 'throughput', 'startup']);
    expect(benchesRun(ALL, [], ['--save', '--lake'])).toEqual(ALL);
    expect(benchesRun(ALL, ['lake'], ['lake', '--save'])).toEqual(['lake']);
    expect(benchesRun(ALL, ['throughput', 'startup'], ['throughput', 'startup', '--save'])).toEqual([
      'throughput',
      'startup',
    ]);
  });
});
