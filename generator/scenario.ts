import type { GenerateOptions } from './options.js';
import type { Random } from './random.js';
import { type Naming, type Outcome, type TimestampStyle, Topic, type TransferKind } from './truth.js';

export interface Scenario {
  seed: number;
  callId: string;
  topic: Topic;
  direction: 'inbound' | 'outbound';
  agents: number;
  transfer: 'none' | 'blind' | 'consult';
  transferKinds: TransferKind[];
  hold: boolean;
  /** Which agent (0-based) puts the customer on an ordinary hold. */
  holdAgent: number;
  toxic: boolean;
  trap: boolean;
  mixedFirstTurn: boolean;
  redact: boolean;
  ctr: 'present' | 'missing' | 'callback' | 'chat';
  caller: 'customer' | 'user';
  agentNames: boolean;
  transcriptSource: 'batch' | 'real-time';
  naming: Naming;
  skewMs: number;
  timestampStyle: TimestampStyle;
  recordingTimestampStyle: TimestampStyle;
  turns: number;
  startDate: string | null;
  outcome: Outcome;
}

/** Fills every knob the caller left out. Every draw happens whether or not it is used. */
export function resolveScenario(options: GenerateOptions, random: Random): Scenario {
  const drawn = {
    topic: random.pick(Topic.options),
    outbound: random.chance(0.1),
    transfer: random.weighted({ none: 0.6, blind: 0.18, consult: 0.22 }),
    handoffKind: random.chance(0.45) ? ('blind' as const) : ('consult' as const),
    threeAgents: random.chance(0.15),
    hold: random.chance(0.3),
    holdAgent: random.int(0, 2),
    toxic: random.chance(0.12),
    trap: random.chance(0.2),
    mixed: random.chance(0.3),
    turns: random.int(18, 36),
    outcome: random.weighted({ resolved: 0.65, callback: 0.25, unresolved: 0.1 }),
  };
  const direction = options.direction ?? (drawn.outbound ? 'outbound' : 'inbound');
  const impliedByAgents =
    options.agents === undefined ? drawn.transfer : options.agents === 1 ? 'none' : drawn.handoffKind;
  const transfer = options.transfer ?? impliedByAgents;
  const agents = options.agents ?? (transfer === 'none' ? 1 : drawn.threeAgents ? 3 : 2);
  const topic = options.topic ?? drawn.topic;
  return {
    seed: options.seed,
    callId: options.callId ?? `call-${options.seed}-${topic.replaceAll('_', '-')}`,
    topic,
    direction,
    agents,
    transfer,
    transferKinds:
      transfer === 'none' ? [] : Array.from({ length: agents - 1 }, (): TransferKind => transfer),
    hold: options.hold ?? drawn.hold,
    holdAgent: drawn.holdAgent % agents,
    toxic: options.toxic ?? drawn.toxic,
    trap: options.trap ?? drawn.trap,
    mixedFirstTurn: direction === 'outbound' ? false : (options.mixedFirstTurn ?? drawn.mixed),
    redact: options.redact ?? true,
    ctr: options.ctr ?? 'present',
    // New knobs are never drawn here: the scenario stream (and so every existing call) is unchanged.
    caller: direction === 'outbound' ? 'customer' : (options.caller ?? 'customer'),
    agentNames: options.agentNames ?? true,
    transcriptSource: options.transcriptSource ?? 'batch',
    naming: options.naming ?? 'debrief',
    skewMs: options.skewMs ?? 300,
    timestampStyle: options.timestampStyle ?? 'utc-millis',
    recordingTimestampStyle: options.recordingTimestampStyle ?? 'offset-compact',
    turns: options.turns ?? drawn.turns,
    startDate: options.startDate ?? null,
    outcome: options.outcome ?? drawn.outcome,
  };
}
