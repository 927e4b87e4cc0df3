import { describe, expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak/soak.js';

describe('soak (small; `npm run soak` runs thousands of calls)', () => {
  it('two runs, a compaction loop, faults and a SIGKILL per round: every dropped call ends exactly once, tables agree with call_status', async () => {
    const result = await runSoak({ calls: 12, rounds: 2, seed: 5, transientRate: 0.02 });
    expect(result.violations).toEqual([]);
    expect(result.dropped).toBe(result.processed + result.partial + result.quarantined);
    expect(result.dropped).toBeGreaterThanOrEqual(13);
    expect(result.quarantined).toBeGreaterThan(0);
    expect(result.counts.calls).toBe(result.processed + result.partial);
  }, 300_000);
});
