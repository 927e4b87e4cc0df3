import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateCall, generateCalls } from '../../generator/index.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('generator determinism', () => {
  it('produces byte-identical files and truth for the same options, whatever the clock and Math.random say', () => {
    // Prepare
    const options = { seed: 1234, turns: 40 };

    // Act
    vi.useFakeTimers({ now: Date.UTC(2001, 0, 1) });
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    const first = generateCall(options);
    vi.setSystemTime(Date.UTC(2040, 5, 6));
    vi.spyOn(Math, 'random').mockReturnValue(0.9);
    const second = generateCall(options);

    // Assess
    expect(second.files).toEqual(first.files);
    expect(JSON.stringify(second.truth)).toBe(JSON.stringify(first.truth));
  });

  it('produces identical batches for the same batch seed', () => {
    // Act
    const a = generateCalls(77, 12);
    const b = generateCalls(77, 12);

    // Assess
    expect(b.map((c) => c.files)).toEqual(a.map((c) => c.files));
    expect(new Set(a.map((c) => c.callId)).size).toBe(12);
  });

  it('produces different calls for different seeds', () => {
    // Act
    const a = generateCall({ seed: 1 });
    const b = generateCall({ seed: 2 });
    const batchA = generateCalls(1, 3);
    const batchB = generateCalls(2, 3);

    // Assess
    expect(b.files[0]!.content).not.toBe(a.files[0]!.content);
    expect(b.truth.conversationId).not.toBe(a.truth.conversationId);
    expect(batchB.map((c) => c.files[0]!.content)).not.toEqual(batchA.map((c) => c.files[0]!.content));
  });

  it('keeps the other knobs of a call when one knob is fixed', () => {
    // Prepare
    const free = generateCall({ seed: 99 });

    // Act
    const pinned = generateCall({ seed: 99, hold: !free.truth.scenario.hold });

    // Assess
    expect(pinned.truth.topic).toBe(free.truth.topic);
    expect(pinned.truth.scenario.direction).toBe(free.truth.scenario.direction);
    expect(pinned.truth.scenario.agents).toBe(free.truth.scenario.agents);
    expect(pinned.truth.pii.find((p) => p.type === 'DATE_OF_BIRTH')?.spokenText).toBe(
      free.truth.pii.find((p) => p.type === 'DATE_OF_BIRTH')?.spokenText,
    );
    expect(pinned.truth.scenario.hold).toBe(!free.truth.scenario.hold);
  });
});
