import { describe, expect, it } from 'vitest';
import { describeBurst, simulateBurst } from '../helpers/burst-simulation.js';
import { TRANSCRIBE_DEFAULTS } from '../helpers/simulated-transcribe.js';

/**
 * 5,000 recordings dropped at once against Transcribe's default limits (100 concurrent jobs,
 * Start 10/s, Get 20/s) and a queue that fills: nothing fails, nothing is lost, no job starts
 * twice. (See test/helpers/burst-simulation.ts for how the service and the clock are simulated.)
 */
const CALLS = Number(process.env.DEBRIEF_BURST_CALLS ?? 5000);
const QUEUE_LIMIT = 2000;

describe('a burst of recordings against Transcribe limits (simulated service, real ASL on a virtual clock)', () => {
  it(`${CALLS} recordings at once: every call transcribed exactly once and processed, none failed or lost`, async () => {
    // Act
    const burst = await simulateBurst(CALLS, QUEUE_LIMIT);
    console.log(`simulated ${describeBurst(burst)}`);
    // Assess: every call processed once...
    const reports = (await burst.store.list('quarantine/')).filter((k) => k.endsWith('error.json'));
    const reasons = await Promise.all(
      reports
        .slice(0, 3)
        .map(async (k) => JSON.parse(new TextDecoder().decode(await burst.store.get(k))).reason),
    );
    expect(reasons).toEqual([]);
    expect(burst.results.filter((r) => r.outcome === 'succeeded')).toHaveLength(CALLS);
    const s = burst.service;
    expect(s.accepted).toBe(CALLS);
    expect([...s.jobsCreatedPerName.values()].every((n) => n === 1)).toBe(true);
    const status = burst.lake.writes.get('call_status');
    expect(status?.size).toBe(CALLS);
    expect([...(status?.values() ?? [])].every((n) => n === 1)).toBe(true);
    // ...while the service's limits held and were really reached (else this proves nothing).
    expect(s.maxRunning).toBe(TRANSCRIBE_DEFAULTS.concurrency);
    expect(s.maxQueued).toBeLessThanOrEqual(QUEUE_LIMIT);
    expect(s.startsThrottled).toBeGreaterThan(0);
    expect(s.getsThrottled).toBeGreaterThan(0);
    if (CALLS > QUEUE_LIMIT + TRANSCRIBE_DEFAULTS.concurrency) expect(s.startsRefusedFull).toBeGreaterThan(0);
    // Transcripts were collected where LoadCall reads them; Transcribe's output folder is empty.
    expect((await burst.store.list('transcripts/')).length).toBe(CALLS);
    expect(await burst.store.list('transcribe-output/')).toEqual([]);
  }, 900_000);
});
