import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCallDocument } from '../../core/call-document.js';
import { CallDocument } from '../../schemas/call-document.js';
import { compileCanonicalForm } from '../../schemas/canonical-check.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

/** A call document with every part filled in: enrichment, journey, PII, a topic correction. */
const fullDocument = (): CallDocument => {
  const built = buildCallDocument({
    callId: 'c1',
    transcript: TranscribeCallAnalyticsOutput.parse(
      JSON.parse(
        readFileSync(join(import.meta.dirname, '../fixtures/transcribe/call-analytics-output.json'), 'utf8'),
      ),
    ),
    sources: { transcript: 'inbox/c1.tca.json', ctr: 'inbox/c1.ctr.json', recording: null, audio: null },
    startedAt: '2026-03-02T10:00:00.000Z',
    fallbackDt: '2026-03-02',
  });
  const doc = CallDocument.parse(built);
  doc.turns[0]!.toxicity = 0.25;
  doc.turns[0]!.toxicityLabels = ['insult'];
  doc.journey = {
    ctrStatus: 'matched',
    timeBase: 'ctr',
    direction: 'inbound',
    agentIds: ['a1'],
    queueIds: ['q1'],
    queueNames: ['Billing', null],
    ivrMs: 1000,
    queueMs: 2000,
    holdMs: 0,
    acwMs: 500,
    handleMs: 60_000,
    transfers: 0,
    wrapupCodes: ['done'],
    aniHash: null,
    agents: [{ agentId: 'a1', name: 'Ann', talkMs: 50_000, holdMs: 0, acwMs: 500, order: 1 }],
    callerType: 'customer',
    note: null,
    abandoned: false,
    offered: true,
    entryWaitMs: 2000,
    answerWaitMs: 2000,
    abandonWaitMs: null,
    abandonedWhile: null,
  };
  doc.enrichment = {
    topics: {
      status: 'ok',
      reason: null,
      matches: [{ topic: 'billing', score: 0.9, rank: 1 }],
      source: 'model',
    },
    summary: {
      status: 'ok',
      reason: null,
      value: {
        summary: 'Card stolen.',
        reasonForCall: 'stolen card',
        intent: 'card',
        resolution: null,
        resolved: true,
        callbackNeeded: false,
        actionItems: ['send a card'],
        outcome: 'resolved',
        actions: [{ owner: 'agent', text: 'send a card' }],
      },
    },
    toxicity: {
      status: 'ok',
      reason: null,
      max: 0.25,
      toxicTurns: 0,
      threshold: 0.5,
      firstToxicMs: null,
      toxicBy: null,
    },
  };
  doc.topicCorrection = { topic: 'billing', at: null };
  doc.lineage = {
    topics: { engine: 'e', version: '1', model: null, modelHash: 'h', promptHash: null, note: null },
  };
  doc.pii = {
    mode: 'default',
    redactions: [
      {
        type: 'NAME',
        turn: 0,
        word: 1,
        firstWord: 1,
        lastWord: 1,
        beginMs: 10,
        endMs: 20,
        upstream: false,
      },
    ],
    summaryRedactions: 0,
  };
  doc.customMetrics = { churn_risk: 0.82, hold_requests: 3 };
  return CallDocument.parse(doc);
};

/** Values of every kind a step could get wrong, and the edges zod draws. */
const POOL: unknown[] = [
  null,
  undefined,
  '',
  'x',
  'CUSTOMER',
  'AGENT',
  'NAME',
  'ok',
  'matched',
  '2026-03-02',
  '2026-3-2',
  '😀',
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  4,
  5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  {},
  [],
  ['x'],
  [null],
];

type Path = (string | number)[];

/** Every path to a value in `value` (arrays: their first two elements). */
const pathsOf = (value: unknown, at: Path = []): Path[] => {
  const out: Path[] = [at];
  if (Array.isArray(value))
    for (const [i, v] of value.slice(0, 2).entries()) out.push(...pathsOf(v, [...at, i]));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
};

/** A deep copy of `root` with `change` applied to the container of `path`'s last step. */
const edited = (root: unknown, path: Path, change: (parent: Record<string | number, unknown>) => void) => {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  change(parent);
  return copy;
};

/** The form agrees with zod: when it answers, zod accepts and gives an equal value, key for key. */
const expectAgrees = (form: (v: unknown) => unknown, schema: z.ZodType, value: unknown, label: string) => {
  const before = JSON.stringify(value);
  const formed = form(value);
  const parsed = schema.safeParse(value);
  if (formed !== undefined) {
    expect(parsed.success, label).toBe(true);
    expect(formed, label).toStrictEqual(parsed.data);
    expect(JSON.stringify(formed, null, 1), label).toBe(JSON.stringify(parsed.data, null, 1));
  }
  // The value itself is never changed (a form with keys put in order is a copy).
  expect(JSON.stringify(value), label).toBe(before);
  return { formed, parsed };
};

describe('the canonical form agrees with zod', () => {
  const form = compileCanonicalForm(CallDocument)!;

  it('handles every part of the call document schema (never falls back to zod for it all)', () => {
    expect(form).not.toBeNull();
    const doc = fullDocument();
    // A document zod gave is already its own form: the very same object.
    expect(form(doc)).toBe(doc);
  });

  it('answers for a value only where zod accepts it and returns an equal one, path by path, for values of every kind', () => {
    const doc = fullDocument();
    const paths = pathsOf(doc).filter((p) => p.length > 0);
    let answered = 0;
    let declined = 0;
    for (const path of paths) {
      const last = path.at(-1)!;
      const label = path.join('.');
      for (const value of POOL) {
        const changed = edited(doc, path, (p) => {
          p[last] = value;
        });
        const { formed, parsed } = expectAgrees(form, CallDocument, changed, `${label} = ${String(value)}`);
        // What zod keeps as it is, the form answers for (but an undefined value: zod's own case).
        if (value !== undefined && parsed.success && JSON.stringify(parsed.data) === JSON.stringify(changed))
          expect(formed, `${label} = ${String(value)}`).toBeDefined();
        if (formed === undefined) declined += 1;
        else answered += 1;
      }
      if (typeof last === 'string') {
        const without = edited(doc, path, (p) => {
          delete p[last];
        });
        const { formed, parsed } = expectAgrees(form, CallDocument, without, `without ${label}`);
        // A key zod fills in (a default) is left to zod; one it may leave out stays out.
        const unchanged = parsed.success && JSON.stringify(parsed.data) === JSON.stringify(without);
        expect(formed !== undefined, `without ${label}`).toBe(unchanged);
      }
      // zod strips an unknown key: left to zod.
      const extra = edited(doc, [...path.slice(0, -1), 'zz'], (p) => {
        if (!Array.isArray(p)) p.zz = 1;
      });
      expectAgrees(form, CallDocument, extra, `${label}: an unknown key`);
    }
    expect(paths.length).toBeGreaterThan(150);
    expect(answered).toBeGreaterThan(1000);
    expect(declined).toBeGreaterThan(1000);
  });

  it("puts an object's keys in the schema's order, as zod's copy has them, and shares the rest", () => {
    // Prepare: keys out of order at the top, in a turn and in the journey
    const doc = fullDocument();
    const { schemaVersion, pii, ...rest } = doc;
    const turn = doc.turns[1]!;
    const { index, ...turnRest } = turn;
    const shuffled = {
      pii,
      ...rest,
      schemaVersion,
      turns: [doc.turns[0]!, { ...turnRest, index }, ...doc.turns.slice(2)],
      journey: Object.fromEntries(Object.entries(doc.journey!).reverse()),
    };
    // Act
    const formed = expectAgrees(form, CallDocument, shuffled, 'shuffled').formed as CallDocument;
    // Assess
    expect(formed).toBeDefined();
    expect(Object.keys(formed)).toEqual(Object.keys(CallDocument.parse(shuffled)));
    expect(Object.keys(formed.turns[1]!)).toEqual(Object.keys(turn));
    expect(formed.turns[0]).toBe(doc.turns[0]);
    expect(formed.metrics).toBe(doc.metrics);
    expect(Object.keys(shuffled)[0]).toBe('pii');
  });

  it('leaves to zod what it cannot tell quickly: a short string with a length minimum, an unknown schema', () => {
    const short = compileCanonicalForm(z.object({ a: z.string().min(2) }))!;
    expect(short({ a: 'abcd' })).toEqual({ a: 'abcd' });
    // 2 to 3 UTF-16 units may be fewer code points: zod counts them.
    expect(short({ a: 'ab' })).toBeUndefined();
    expect(z.object({ a: z.string().min(2) }).safeParse({ a: '😀' }).success).toBe(false);
    expect(compileCanonicalForm(z.object({ a: z.string().transform((s) => s.length) }))).toBeNull();
    expect(compileCanonicalForm(z.strictObject({ a: z.string() }))).toBeNull();
    expect(compileCanonicalForm(z.object({ a: z.string() }).catchall(z.string()))).toBeNull();
    expect(compileCanonicalForm(z.object({ a: z.string() }).superRefine(() => {}))).toBeNull();
    expect(compileCanonicalForm(z.union([z.string(), z.number()]))).toBeNull();
  });
});

describe('the canonical form of a loose, refined schema (a transcript) agrees with zod', () => {
  const form = compileCanonicalForm(TranscribeCallAnalyticsOutput)!;
  const transcript = (name: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/transcribe', name), 'utf8'));

  it('handles the transcript schema: loose objects, a turn refined, defaults there', () => {
    expect(form).not.toBeNull();
    const raw = transcript('call-analytics-output.json');
    // A value zod gave is its own form: the very same object, its other keys kept.
    const parsed = TranscribeCallAnalyticsOutput.parse(raw);
    expect(form(parsed)).toBe(parsed);
    // JSON.parse's: the objects whose keys are out of the shape's order copied, the rest shared.
    const formed = expectAgrees(form, TranscribeCallAnalyticsOutput, raw, 'fixture').formed as typeof raw;
    expect(formed).toBeDefined();
    // An item with its Redaction before VocabularyFilterMatch is copied; the first is shared.
    expect(Object.keys(raw.Transcript[0].Items[2])).not.toEqual(Object.keys(formed.Transcript[0].Items[2]));
    expect(formed.Transcript[0].Items[0]).toBe(raw.Transcript[0].Items[0]);
  });

  it.each(['call-analytics-output.json', 'batch-documented-quirks.json'])(
    '%s: answers only where zod accepts, with an equal value, path by path, for values of every kind',
    (name) => {
      const raw = transcript(name);
      const paths = pathsOf(raw).filter((p) => p.length > 0);
      let answered = 0;
      let declined = 0;
      for (const path of paths) {
        const last = path.at(-1)!;
        const label = path.join('.');
        for (const value of POOL) {
          const changed = edited(raw, path, (p) => {
            p[last] = value;
          });
          const { formed, parsed } = expectAgrees(
            form,
            TranscribeCallAnalyticsOutput,
            changed,
            `${label} = ${String(value)}`,
          );
          if (
            value !== undefined &&
            parsed.success &&
            JSON.stringify(parsed.data) === JSON.stringify(changed)
          )
            expect(formed, `${label} = ${String(value)}`).toBeDefined();
          if (formed === undefined) declined += 1;
          else answered += 1;
        }
        if (typeof last === 'string') {
          const without = edited(raw, path, (p) => {
            delete p[last];
          });
          const { formed, parsed } = expectAgrees(
            form,
            TranscribeCallAnalyticsOutput,
            without,
            `without ${label}`,
          );
          // A key zod fills in (a default) is left to zod; one it may leave out stays out.
          if (parsed.success && JSON.stringify(parsed.data) === JSON.stringify(without))
            expect(formed, `without ${label}`).toBeDefined();
        }
        // A loose object keeps another key, after its shape's keys: the form too.
        for (const extra of [{ zz: 1 }, { zz: { nested: [1, 'x'] } }]) {
          const more = edited(raw, [...path.slice(0, -1), 'zz'], (p) => {
            if (!Array.isArray(p)) Object.assign(p, extra);
          });
          expectAgrees(form, TranscribeCallAnalyticsOutput, more, `${label}: another key`);
        }
        // The same key moved to the front of its object: zod's copy puts it back in the shape's order.
        if (typeof last === 'string') {
          const moved = edited(raw, path, (p) => {
            const v = p[last];
            const rest = { ...p };
            delete rest[last];
            for (const k of Object.keys(p)) delete p[k];
            Object.assign(p, { [last]: v }, rest);
          });
          expectAgrees(form, TranscribeCallAnalyticsOutput, moved, `${label} first`);
        }
      }
      expect(paths.length).toBeGreaterThan(60);
      expect(answered).toBeGreaterThan(400);
      expect(declined).toBeGreaterThan(400);
    },
  );

  it("keeps another key's value itself and puts it after the shape's keys, as zod does", () => {
    // Prepare: another key before the shape's keys, at the top and in a turn
    const raw = transcript('call-analytics-output.json');
    const other = { any: ['thing'] };
    const turn = { Other: other, ...raw.Transcript[1] };
    const value = { Extra: other, ...raw, Transcript: [raw.Transcript[0], turn, ...raw.Transcript.slice(2)] };
    // Act
    const formed = expectAgrees(form, TranscribeCallAnalyticsOutput, value, 'another key first')
      .formed as typeof raw;
    // Assess
    expect(formed).toBeDefined();
    expect(Object.keys(formed).at(-1)).toBe('Extra');
    expect(Object.keys(formed.Transcript[1]).at(-1)).toBe('Other');
    expect(formed.Transcript[1].Other).toBe(other);
    expect(formed.Transcript[0].Items[0]).toBe(raw.Transcript[0].Items[0]);
  });

  it('leaves to zod a turn its refinement rejects, and another key named __proto__', () => {
    const raw = transcript('call-analytics-output.json');
    raw.Transcript[1].EndOffsetMillis = raw.Transcript[1].BeginOffsetMillis - 1;
    expect(TranscribeCallAnalyticsOutput.safeParse(raw).success).toBe(false);
    expect(form(raw)).toBeUndefined();
    raw.Transcript[1].EndOffsetMillis = raw.Transcript[1].BeginOffsetMillis;
    expect(form(raw)).toBeDefined();
    const proto = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../fixtures/transcribe/call-analytics-output.json'),
        'utf8',
      ).replace('{', '{"__proto__": {"x": 1},'),
    );
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
    expect(form(proto)).toBeUndefined();
    expect(Object.hasOwn(TranscribeCallAnalyticsOutput.parse(proto), '__proto__')).toBe(false);
  });

  it("calls a refinement with its own answer, and answers only on the refinement's true", () => {
    const seen: unknown[] = [];
    const schema = z.looseObject({ a: z.number() }).refine((v) => {
      seen.push(v);
      return v.a > 1 ? true : v.a === 1 ? 1 : false;
    });
    const f = compileCanonicalForm(schema)!;
    const value = { a: 2, b: 'x' };
    expect(f(value)).toBe(value);
    expect(seen).toEqual([value]);
    // zod accepts any truthy answer: the form leaves it to zod, which gives the same value.
    expect(f({ a: 1 })).toBeUndefined();
    expect(schema.parse({ a: 1 })).toEqual({ a: 1 });
    expect(f({ a: 0 })).toBeUndefined();
    const reordered = { b: 'x', a: 2 };
    expect(JSON.stringify(f(reordered))).toBe(JSON.stringify(schema.parse(reordered)));
    expect(JSON.stringify(f(reordered))).toBe('{"a":2,"b":"x"}');
  });
});

describe('the canonical form never answers where zod rejects or changes the value (review17)', () => {
  enum Numeric {
    A = 0,
    B = 1,
  }
  const hidden = { a: 'x' };
  Object.defineProperty(hidden, 'b', { value: 'hidden', enumerable: false });
  const withProto = JSON.parse('{"__proto__": {"a": 1}, "b": {"y": 1, "x": 2}}');
  const loose = z.object({ a: z.string().optional() });
  const cases: [string, z.ZodType, unknown][] = [
    ['a refined object', z.object({ a: z.string() }).refine((v) => v.a === 'x'), { a: 'y' }],
    ['a refined record', z.record(z.string(), z.number()).refine((v) => Object.keys(v).length > 5), { a: 1 }],
    ['a refined literal', z.literal('a').refine(() => false), 'a'],
    [
      'a refined nullable',
      z
        .string()
        .nullable()
        .refine((v) => v !== null),
      null,
    ],
    [
      'a refined optional key',
      z.object({
        a: z
          .string()
          .optional()
          .refine((v) => v === 'q'),
      }),
      { a: 'b' },
    ],
    ['a date where an object is due', loose, new Date(0)],
    ['an object with a key inherited', z.object({ a: z.string() }), Object.create({ a: 'x' })],
    ['an optional key not enumerable', z.object({ a: z.string(), b: z.string().optional() }), hidden],
    ["a numeric enum's name", z.enum(Numeric), 'A'],
    ['an optional default left out', z.object({ a: z.string().default('d').optional() }), {}],
    ['base64url (a test in code besides the pattern)', z.base64url(), 'a'],
    ['a literal Infinity', z.literal(Number.POSITIVE_INFINITY), null],
    [
      'a record with a __proto__ key',
      z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
      withProto,
    ],
  ];
  it.each(cases)('%s: zod decides', (_label, schema, value) => {
    const form = compileCanonicalForm(schema);
    const parsed = schema.safeParse(value);
    const formed = form?.(value);
    if (formed !== undefined) {
      expect(parsed.success).toBe(true);
      expect(JSON.stringify(formed)).toBe(JSON.stringify(parsed.data));
      expect(Object.getPrototypeOf(formed)).toBe(Object.getPrototypeOf(parsed.data));
    }
    // Each case is one where zod rejects the value or gives another: the form must not answer.
    expect(formed).toBeUndefined();
  });

  it('still answers for plain values of the kinds it handles', () => {
    expect(compileCanonicalForm(z.enum(Numeric))!(Numeric.B)).toBe(1);
    expect(compileCanonicalForm(z.literal(Number.POSITIVE_INFINITY))!(Number.POSITIVE_INFINITY)).toBe(
      Number.POSITIVE_INFINITY,
    );
    const value = { a: 'x' };
    expect(compileCanonicalForm(loose)!(value)).toBe(value);
    expect(compileCanonicalForm(z.email())!('a@b.co')).toBe('a@b.co');
    const record = { b: { x: 2, y: 1 } };
    expect(
      compileCanonicalForm(z.record(z.string(), z.object({ x: z.number(), y: z.number() })))!(record),
    ).toBe(record);
  });
});

describe('the canonical form reads keys as data, never as code', () => {
  it('a key with quotes, backslashes, line breaks or code in it is a key like any other', () => {
    const keys = ["a'); throw new Error('injected'); ('", 'b"\\', 'c\n\u2028d', '$' + '{x}', '*/ x = 1; /*'];
    const schema = z.object(Object.fromEntries(keys.map((k) => [k, z.string()])));
    const form = compileCanonicalForm(schema)!;
    const value = Object.fromEntries(keys.map((k) => [k, k]));
    const reversed = Object.fromEntries(keys.toReversed().map((k) => [k, k]));
    expect(form(value)).toBe(value);
    expect(JSON.stringify(form(reversed))).toBe(JSON.stringify(schema.parse(reversed)));
    expect(form({ ...value, [keys[0]!]: 1 })).toBeUndefined();
  });
});
