import { type GeneratedCall, generateCall } from './generate-call.js';
import type { GenerateOptions } from './options.js';
import { deriveSeed, Random } from './random.js';
import { type TimestampStyle, Topic } from './truth.js';

/** Knobs applied to every call of a batch (the seed and call id are per call). */
export type BatchOverrides = Partial<Omit<GenerateOptions, 'seed' | 'callId'>>;

const stem = (index: number, topic: Topic) =>
  `call-${String(index + 1).padStart(4, '0')}-${topic.replaceAll('_', '-')}`;

/**
 * `count` calls with varied scenarios: topics rotate through the taxonomy, and each call also
 * varies CTR presence and kind (callback-only, chat), the caller (customer or a Genesys user),
 * agent names in the record, the transcript source (batch or real-time), file naming and
 * timestamp style. Same seed, same bytes.
 */
export function generateCalls(
  seed: number,
  count: number,
  overrides: BatchOverrides = {},
  firstIndex = 0,
): GeneratedCall[] {
  const random = Random.stream(seed, 'batch');
  // The shapes real exports have, drawn from their own stream so every call of a batch keeps the
  // knobs it had before they existed (user-originated calls, voiceless records, nameless agents,
  // real-time outputs).
  const shapes = Random.stream(seed, 'batch-shapes');
  const calls: GeneratedCall[] = [];
  let topics: Topic[] = [];
  for (let i = 0; i < firstIndex + count; i += 1) {
    if (topics.length === 0) topics = random.shuffle(Topic.options);
    const drawnTopic = topics.shift()!;
    const ctr = random.chance(0.05) ? ('missing' as const) : ('present' as const);
    const naming = random.chance(0.2) ? ('pca' as const) : ('debrief' as const);
    const timestampStyle = random.weighted<TimestampStyle>({
      'utc-millis': 0.55,
      'utc-seconds': 0.15,
      'offset-compact': 0.1,
      'offset-colon': 0.1,
      'offset-local': 0.1,
    });
    const shape = {
      voiceless: shapes.weighted({ none: 0.95, callback: 0.03, chat: 0.02 }),
      userCaller: shapes.chance(0.06),
      namelessAgents: shapes.chance(0.3),
      realTime: shapes.chance(0.1),
    };
    if (i < firstIndex) continue;
    const topic = overrides.topic ?? drawnTopic;
    calls.push(
      generateCall({
        ctr: ctr === 'present' && shape.voiceless !== 'none' ? shape.voiceless : ctr,
        naming,
        timestampStyle,
        // A drawn user caller only applies to inbound calls (resolveScenario keeps outbound ones customer).
        caller: shape.userCaller && overrides.direction !== 'outbound' ? 'user' : 'customer',
        agentNames: !shape.namelessAgents,
        transcriptSource: shape.realTime ? 'real-time' : 'batch',
        ...overrides,
        topic,
        seed: deriveSeed(seed, i),
        callId: stem(i, topic),
      }),
    );
  }
  return calls;
}

/** The bundled sample set: one call per scenario others test against. */
const SHOWCASE: readonly (BatchOverrides & { topic: Topic })[] = [
  {
    topic: 'billing',
    agents: 1,
    hold: false,
    toxic: false,
    trap: true,
    mixedFirstTurn: true,
    outcome: 'resolved',
    direction: 'inbound',
  },
  {
    topic: 'payments',
    agents: 1,
    hold: true,
    toxic: false,
    trap: false,
    mixedFirstTurn: false,
    outcome: 'resolved',
    direction: 'inbound',
  },
  {
    topic: 'cancellation',
    agents: 2,
    transfer: 'consult',
    hold: false,
    toxic: true,
    trap: false,
    mixedFirstTurn: false,
    outcome: 'resolved',
    direction: 'inbound',
  },
  {
    topic: 'fraud_report',
    agents: 2,
    transfer: 'blind',
    hold: false,
    toxic: false,
    trap: false,
    mixedFirstTurn: true,
    outcome: 'callback',
    direction: 'inbound',
  },
  {
    topic: 'technical_support',
    agents: 1,
    ctr: 'missing',
    hold: false,
    toxic: false,
    trap: true,
    outcome: 'unresolved',
    direction: 'inbound',
  },
  {
    topic: 'address_change',
    agents: 1,
    naming: 'pca',
    timestampStyle: 'offset-compact',
    recordingTimestampStyle: 'offset-compact',
    hold: false,
    toxic: false,
    mixedFirstTurn: false,
    outcome: 'resolved',
    direction: 'inbound',
  },
];

/**
 * The showcase set bundled in samples/: a simple call, a hold, a consult transfer, a blind
 * transfer, a call without CTR and one with the AWS sample's file names and +0000 offsets.
 * Calls past the sixth are varied ones from generateCalls.
 */
export function generateShowcase(seed: number, count = SHOWCASE.length): GeneratedCall[] {
  const showcase = SHOWCASE.slice(0, count).map((knobs, i) =>
    generateCall({
      ctr: 'present',
      naming: 'debrief',
      ...knobs,
      seed: deriveSeed(seed, i),
      callId: stem(i, knobs.topic),
    }),
  );
  return count > SHOWCASE.length
    ? [...showcase, ...generateCalls(seed, count - SHOWCASE.length, {}, SHOWCASE.length)]
    : showcase;
}

/**
 * The calls `generateCalls(seed, count)` would give as to their scenarios, call i started on day
 * i mod `days` from 2026-01-01 (a drop spread over `days` days, as the throughput tools use it);
 * `days` 0: the batch as it is.
 */
export const generateCallsOverDays = (seed: number, count: number, days: number): GeneratedCall[] => {
  if (days <= 0) return generateCalls(seed, count);
  const firstDay = Date.UTC(2026, 0, 1);
  const dayOf = (i: number) => new Date(firstDay + (i % days) * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: count }, (_, i) => generateCalls(seed, 1, { startDate: dayOf(i) }, i)[0]!);
};
