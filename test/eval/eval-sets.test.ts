import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import {
  LabelledCallFormatError,
  labelledCallDocument,
  parseLabelledCalls,
  reasonMatchesRequest,
} from '../../eval/labelled-calls.js';
import { EVAL_SETS, readEvalSet } from '../../eval/sets.js';
import * as conversation from '../../generator/content/conversation.js';
import * as prompts from '../../generator/content/prompts.js';
import * as remarks from '../../generator/content/remarks.js';
import { TOPIC_CONTENT } from '../../generator/content/topics.js';

/** The frozen set is for reporting only; changing it must be deliberate (eval/README.md). */
const FROZEN_SHA256 = '0061f5be60a33eb1980ef16d319e6d736bec65beea9a17b62f475a66bc055514';

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/\{[a-z0-9]+\}/giu, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/u)
    .filter((w) => w !== '');

const ngrams = (text: string, n: number): string[] => {
  const w = words(text);
  return w.length < n ? [] : w.slice(0, w.length - n + 1).map((_, i) => w.slice(i, i + n).join(' '));
};

describe('evaluation sets', () => {
  it('the frozen set is the one committed before tuning (sha256 pinned)', () => {
    const hash = createHash('sha256').update(readFileSync(EVAL_SETS.frozen)).digest('hex');
    expect(hash).toBe(FROZEN_SHA256);
  });

  it.each([
    ['frozen', 140, 45],
    ['holdout', 40, 0],
  ] as const)(
    'the %s set parses: known topics, labels and a request check that its own reference passes',
    async (name, minCalls, minToxic) => {
      // Prepare
      const taxonomy = await loadTaxonomy();
      const known = new Set(taxonomy.topics.map((t) => t.id));
      // Act
      const calls = readEvalSet(name);
      // Assess
      expect(calls.length).toBeGreaterThanOrEqual(minCalls);
      for (const call of calls) {
        for (const topic of [call.topic, ...call.also])
          if (topic !== null) expect(known, call.id).toContain(topic);
        if (call.topic !== null) expect(reasonMatchesRequest(call.reason, call.request), call.id).toBe(true);
        expect(labelledCallDocument(call).turns).toHaveLength(call.turns.length);
      }
      expect(calls.flatMap((c) => c.turns).filter((t) => t.toxic.length > 0).length).toBeGreaterThanOrEqual(
        minToxic,
      );
    },
  );

  it('held-out sets (frozen, holdout) share no 6-word sequence with the training phrases, the generator lines or the dev set', async () => {
    // Prepare
    const taxonomy = await loadTaxonomy();
    const training = [
      ...taxonomy.background,
      ...taxonomy.topics.flatMap((t) => [t.description, ...t.examples]),
      ...strings(TOPIC_CONTENT),
      ...strings(conversation),
      ...strings(prompts),
      ...strings(remarks),
      ...(existsSync(EVAL_SETS.dev) ? readEvalSet('dev').flatMap((c) => c.turns.map((t) => t.text)) : []),
    ];
    const seen = new Set(training.flatMap((t) => ngrams(t, 6)));
    // Act
    const shared = [...readEvalSet('frozen'), ...readEvalSet('holdout')].flatMap((call) =>
      call.turns.flatMap((turn) =>
        ngrams(turn.text, 6)
          .filter((g) => seen.has(g))
          .map((g) => `${call.id}: ${g}`),
      ),
    );
    // Assess
    expect(shared).toEqual([]);
  });

  it('rejects malformed files with the line that is wrong', () => {
    expect(() =>
      parseLabelledCalls('=== X\ntopic: billing\noutcome: resolved\nrequest: a\nQ: hi', 'f'),
    ).toThrow(LabelledCallFormatError);
    expect(() =>
      parseLabelledCalls('=== X\ntopic: billing\noutcome: resolved\nC [toxic RUDE]: hi', 'f'),
    ).toThrow(/f:4: unknown toxicity label RUDE/);
    expect(() => parseLabelledCalls('=== X\noutcome: resolved\nC: hi', 'f')).toThrow(/no topic/);
  });

  it('matches a reason against the request groups by word prefix', () => {
    const request = [
      ['charg', 'bill'],
      ['twice', 'two', 'double'],
    ];
    expect(reasonMatchesRequest('The customer was charged twice.', request)).toBe(true);
    expect(reasonMatchesRequest('i got billed two times', request)).toBe(true);
    expect(reasonMatchesRequest('The customer was recharged once.', request)).toBe(false);
    expect(reasonMatchesRequest(null, request)).toBe(false);
    expect(reasonMatchesRequest('my user name', [['user ?name']])).toBe(true);
    expect(reasonMatchesRequest('my username', [['user ?name']])).toBe(true);
  });
});
