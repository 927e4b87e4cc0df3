import {
  CallTimeline,
  type PlacedUtterance,
  type PreparedSpeech,
  type UtteranceTag,
} from './call-timeline.js';
import {
  BLIND_TRANSFER_ANNOUNCEMENTS,
  CALLBACK_OUTCOMES,
  CLOSINGS,
  CONSULT_INTRODUCTIONS,
  CONSULT_RECEIVER_OPENINGS,
  CONSULT_REQUESTS,
  FOLLOW_UPS,
  HOLD_REQUESTS,
  HOLD_RETURNS,
  INBOUND_GREETINGS,
  OUTBOUND_OPENING,
  OUTBOUND_REQUEST_OPENERS,
  PHONE_VERIFICATION,
  REQUEST_OPENERS,
  TOXIC_RESPONSES,
  TRANSFERRED_GREETINGS,
  UNRESOLVED_OUTCOMES,
  VERIFICATION,
} from './content/conversation.js';
import { agent, customer, type Exchange, type Line } from './content/line.js';
import {
  HOLD_MESSAGES,
  IVR_ACCOUNT_PROMPTS,
  IVR_ACKNOWLEDGEMENTS,
  IVR_MENUS,
  IVR_RECORDING_NOTICES,
  IVR_SPOKEN_CHOICES,
  IVR_TRANSFERS,
  IVR_WELCOMES,
  MUSIC_PHRASES,
  QUEUE_ANNOUNCEMENTS,
  SPEECH_MENU,
  TRANSFER_QUEUE_ANNOUNCEMENTS,
} from './content/prompts.js';
import { TOXIC_REMARKS, type ToxicRemark, TRAPS, type Trap } from './content/remarks.js';
import { TOPIC_CONTENT, type TopicIssue } from './content/topics.js';
import type { CustomerProfile } from './customer-profile.js';
import { AGENT_ROSTER, type AgentProfile, COMPANY } from './people.js';
import type { Random } from './random.js';
import { renderTemplate, renderText, type Slots } from './render-template.js';
import type { Scenario } from './scenario.js';
import { amountSpoken, digitsSpoken, MONTHS, ordinalWords } from './spoken-number.js';
import { stableId } from './stable-id.js';
import type { SpeechKind, ToxicLabel, TransferKind } from './truth.js';

export interface CallAgentPlan {
  profile: AgentProfile;
  userId: string;
  name: string;
  queueName: string;
  queueId: string;
  participantKey: string;
  wrapUpCode: string;
  wrapUpNote: string | null;
  /** Start of the queue wait that ended when this agent answered (Genesys tAnswered), if any. */
  queueStartMs: number | null;
}

export interface CallParticipantPlan {
  key: string;
  purpose: 'customer' | 'external' | 'user' | 'ivr' | 'acd' | 'agent';
  name: string;
  agentIndex: number | null;
}

/** A call told on the CTR clock (ms from conversation start). */
export interface NarratedCall {
  recordingStartMs: number;
  /** Customer disconnect: the end of the recording. */
  callEndMs: number;
  timeline: CallTimeline;
  participants: CallParticipantPlan[];
  agents: CallAgentPlan[];
  ivrFlowName: string;
  transfers: { from: number; to: number; kind: TransferKind; atMs: number }[];
  toxic: { utterance: PlacedUtterance; label: ToxicLabel }[];
  traps: { utterance: PlacedUtterance; resembles: ToxicLabel }[];
  interruptions: number;
  reference: {
    summary: string;
    reasonForCall: string;
    resolution: string;
    resolved: boolean;
    callbackNeeded: boolean;
  };
}

type BodyItem =
  | { type: 'exchange'; lines: Exchange }
  | { type: 'toxic'; remark: ToxicRemark; response: string }
  | { type: 'trap'; trap: Trap }
  | { type: 'hold' }
  | { type: 'handoff'; kind: TransferKind };

interface SayOptions {
  tag?: UtteranceTag | null;
  notBefore?: number;
  at?: number;
  allowMix?: boolean;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
const LETTERS = ['A', 'B', 'C', 'D', 'F', 'H', 'K', 'L', 'M', 'R', 'T', 'X'] as const;
const IVR_RATE = 0.95;
const CONSULT_THANKS = ['Thank you.', 'Thanks so much.', 'Okay, thanks.'] as const;
/** Local time of the contact center (US Eastern, standard time). */
const LOCAL_OFFSET_MS = -5 * 3_600_000;

function lineCount(item: BodyItem): number {
  switch (item.type) {
    case 'exchange':
      return item.lines.length;
    case 'toxic':
    case 'trap':
      return 2;
    case 'hold':
      return 4;
    case 'handoff':
      return item.kind === 'blind' ? 4 : 8;
  }
}

class CallNarrator {
  private readonly timeline: CallTimeline;
  private readonly agents: CallAgentPlan[];
  private readonly participants: CallParticipantPlan[] = [];
  private readonly openInteract = new Map<number, number>();
  private readonly customerRate: number;
  private readonly agentRates: number[];
  private readonly baseSlots: Slots;
  private readonly issue: TopicIssue;
  private readonly transfers: NarratedCall['transfers'] = [];
  private readonly toxic: NarratedCall['toxic'] = [];
  private readonly traps: NarratedCall['traps'] = [];
  private interruptions = 0;
  private acdCount = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly content: Random,
    private readonly timing: Random,
    private readonly customerProfile: CustomerProfile,
    startEpochMs: number,
  ) {
    this.timeline = new CallTimeline(timing, scenario.timestampStyle === 'utc-seconds' ? 1000 : 1);
    const topic = TOPIC_CONTENT[scenario.topic];
    this.issue = content.pick(topic.issues);
    const roster = content.shuffle(AGENT_ROSTER);
    const escalations = content.shuffle(topic.escalationQueues);
    this.agents = Array.from({ length: scenario.agents }, (_, i) => {
      const profile = roster[i]!;
      const queueName = i === 0 ? topic.queue : escalations[(i - 1) % escalations.length]!;
      const last = i === scenario.agents - 1;
      return {
        profile,
        userId: stableId('user', `${profile.first} ${profile.last}`),
        name: `${profile.first} ${profile.last}`,
        queueName,
        queueId: stableId('queue', queueName),
        participantKey: `agent-${i}`,
        wrapUpCode: last ? this.finalWrapUpCode() : 'wc-transferred',
        wrapUpNote: last ? null : `Transferred to ${escalations[i % escalations.length]}`,
        queueStartMs: null,
      };
    });
    this.customerRate = timing.float(0.85, 1.15);
    this.agentRates = this.agents.map(() => timing.float(0.85, 1.1));
    const localHour = new Date(startEpochMs + LOCAL_OFFSET_MS).getUTCHours();
    const dayPart = localHour < 12 ? 'morning' : localHour < 17 ? 'afternoon' : 'evening';
    this.baseSlots = {
      ...customerProfile.slots,
      company: COMPANY,
      amount: amountSpoken(content.int(1500, 45_000), content.chance(0.6) ? 'full' : 'short'),
      date: `${MONTHS[content.int(0, 11)]} ${ordinalWords(content.int(1, 28))}`,
      weekday: content.pick(WEEKDAYS),
      confirmation: `${content.pick(LETTERS)} ${content.pick(LETTERS)} ${digitsSpoken(content.digits(4))}`,
      claimNumber: `C L ${digitsSpoken(content.digits(6), { groups: [3, 3] })}`,
      days: content.pick(['two', 'three', 'five']),
      waitMinutes: content.pick(['two', 'three', 'five', 'ten']),
      about: this.issue.about,
      reason: this.issue.reason,
      dayPart,
      greetingTime: `Good ${dayPart}`,
    };
  }

  private finalWrapUpCode(): string {
    switch (this.scenario.outcome) {
      case 'resolved':
        return `wc-${this.scenario.topic.replaceAll('_', '-')}-resolved`;
      case 'callback':
        return 'wc-callback-scheduled';
      case 'unresolved':
        return 'wc-unresolved';
    }
  }

  private slotsFor(agentIndex: number): Slots {
    const current = this.agents[agentIndex]!;
    const previous = this.agents[agentIndex - 1];
    const next = this.agents[agentIndex + 1];
    const name = (profile: AgentProfile) => ({ text: profile.first, pii: 'NAME' as const });
    return {
      ...this.baseSlots,
      agentFirst: name(current.profile),
      team: current.queueName,
      ...(previous ? { prevAgentFirst: name(previous.profile) } : {}),
      ...(next ? { nextAgentFirst: name(next.profile), nextTeam: next.queueName } : {}),
    };
  }

  private responseGap(): number {
    const kind = this.timing.weighted({ quick: 0.7, slow: 0.25, pause: 0.05 });
    if (kind === 'quick') return this.timing.int(250, 900);
    if (kind === 'slow') return this.timing.int(900, 2000);
    return this.timing.int(2000, 4000);
  }

  private conversationalStart(prepared: PreparedSpeech, notBefore: number): number {
    const earliest = Math.max(notBefore, this.timeline.earliestStart(prepared.spec));
    const previous = this.timeline.lastUtterance;
    const interrupts = this.timing.chance(0.08);
    if (prepared.spec.role === 'CUSTOMER' && previous?.role === 'AGENT' && interrupts) {
      const span = previous.endMs - previous.beginMs;
      if (span > 2000) {
        const start = previous.endMs - this.timing.int(300, Math.min(1500, span - 1000));
        if (start >= earliest) {
          this.interruptions += 1;
          return start;
        }
      }
    }
    // A speaker who goes on after a pause starts a new Transcribe turn more often than not.
    const continues = previous?.channel === prepared.spec.channel && this.timing.chance(0.7);
    const gap = continues ? this.timing.int(1100, 2500) : this.responseGap();
    return Math.max(earliest, this.timeline.speechEnd + gap);
  }

  private say(line: Line, agentIndex: number, options: SayOptions = {}): PlacedUtterance {
    const isAgent = line.who === 'agent';
    const prepared = this.timeline.prepare({
      channel: isAgent ? 'AGENT' : 'CUSTOMER',
      role: isAgent ? 'AGENT' : 'CUSTOMER',
      kind: line.who,
      agentIndex: isAgent ? agentIndex : null,
      fragments: renderTemplate(line.text, this.slotsFor(agentIndex)),
      sentiment: line.sentiment,
      tag: options.tag ?? null,
      rate: isAgent ? this.agentRates[agentIndex]! : this.customerRate,
    });
    const start = options.at ?? this.conversationalStart(prepared, options.notBefore ?? 0);
    return this.timeline.place(prepared, start, options.allowMix);
  }

  private sayAll(lines: Exchange, agentIndex: number, firstNotBefore = 0): void {
    lines.forEach((line, i) => {
      this.say(line, agentIndex, i === 0 ? { notBefore: firstNotBefore } : {});
    });
  }

  private preparePrompt(text: string, kind: SpeechKind): PreparedSpeech {
    return this.timeline.prepare({
      channel: 'AGENT',
      role: 'IVR',
      kind,
      agentIndex: null,
      fragments: renderTemplate(text, this.baseSlots),
      sentiment: 'NEUTRAL',
      tag: null,
      rate: IVR_RATE,
    });
  }

  run(): NarratedCall {
    const recordingStartMs = this.timing.int(150, 1200);
    this.participants.push({
      key: 'customer',
      purpose:
        this.scenario.direction === 'outbound'
          ? 'external'
          : this.scenario.caller === 'user'
            ? 'user'
            : 'customer',
      name: this.customerProfile.callerIdLabel,
      agentIndex: null,
    });
    this.agents.forEach((a, i) => {
      this.participants.push({ key: a.participantKey, purpose: 'agent', name: a.name, agentIndex: i });
    });
    const request = this.content.pick(this.issue.requests);
    let customerStart = 0;
    if (this.scenario.direction === 'inbound') {
      const ivrEnd = this.ivr(recordingStartMs);
      const queueTarget = this.timing.int(5000, 180_000);
      const { answerMs, greetingAt } = this.queue(
        0,
        ivrEnd,
        queueTarget,
        QUEUE_ANNOUNCEMENTS,
        this.scenario.mixedFirstTurn,
      );
      const greeting = agent(this.content.pick(INBOUND_GREETINGS));
      this.say(
        greeting,
        0,
        greetingAt === null
          ? { notBefore: answerMs + this.timing.int(300, 900) }
          : { at: greetingAt, allowMix: true },
      );
      const opener = this.content.pick(REQUEST_OPENERS);
      this.say(customer(`${opener}${request}`, this.issue.requestSentiment), 0, { tag: 'request' });
    } else {
      customerStart = this.outboundConnect(recordingStartMs);
      const opening = this.content.pick(OUTBOUND_OPENING);
      this.sayAll(opening, 0, customerStart + this.timing.int(400, 1000));
      const opener = this.content.pick(OUTBOUND_REQUEST_OPENERS);
      this.say(customer(`${opener}${request}`, this.issue.requestSentiment), 0, { tag: 'request' });
    }
    this.sayAll(this.content.pick(VERIFICATION), 0);
    this.sayAll(this.content.pick(PHONE_VERIFICATION), 0);

    let current = 0;
    for (const item of this.body()) {
      switch (item.type) {
        case 'exchange':
          this.sayAll(item.lines, current);
          break;
        case 'toxic': {
          const utterance = this.say(customer(item.remark.text, 'NEGATIVE'), current, { tag: 'toxic' });
          this.toxic.push({ utterance, label: item.remark.label });
          this.say(agent(item.response), current);
          break;
        }
        case 'trap': {
          const line = item.trap.who === 'agent' ? agent(item.trap.text) : customer(item.trap.text);
          const reply = item.trap.who === 'agent' ? customer(item.trap.reply) : agent(item.trap.reply);
          const utterance = this.say(line, current, { tag: 'trap' });
          this.traps.push({ utterance, resembles: item.trap.resembles });
          this.say(reply, current);
          break;
        }
        case 'hold': {
          this.sayAll(this.content.pick(HOLD_REQUESTS), current);
          const holdEnd = this.hold(current, this.timing.int(15_000, 120_000));
          this.sayAll(this.content.pick(HOLD_RETURNS), current, holdEnd + this.timing.int(300, 1200));
          break;
        }
        case 'handoff':
          if (item.kind === 'blind') this.blindTransfer(current);
          else this.consultTransfer(current);
          current += 1;
          break;
      }
    }

    const outcome = this.outcome(current);
    this.sayAll(this.content.pick(CLOSINGS), current);
    const callEndMs = this.timeline.snap(this.timeline.speechEnd + this.timing.int(500, 2000));
    const agentHangsUp = this.timing.chance(0.3);
    this.closeInteract(current, callEndMs, agentHangsUp ? 'client' : 'peer');
    this.wrapup(current, callEndMs);
    // A user who dials in has a short `dialing` segment first (drawn last: other timings stay).
    const dialedMs =
      this.scenario.caller === 'user' ? this.timeline.snap(this.timing.int(20, 60)) : customerStart;
    if (dialedMs > customerStart)
      this.timeline.addSegment({
        participant: 'customer',
        segmentType: 'dialing',
        startMs: customerStart,
        endMs: dialedMs,
      });
    this.timeline.addSegment({
      participant: 'customer',
      segmentType: 'interact',
      startMs: dialedMs,
      endMs: callEndMs,
      disconnectType: agentHangsUp ? 'peer' : 'endpoint',
    });

    const transferredTo = this.agents.slice(1).map((a) => a.queueName);
    const opening =
      this.scenario.direction === 'inbound'
        ? `The customer called about ${this.issue.reason}.`
        : `The agent returned the customer's call about ${this.issue.reason}.`;
    const transferred = transferredTo.length
      ? ` The call was transferred to ${transferredTo.join(' and then to ')}.`
      : '';
    return {
      recordingStartMs,
      callEndMs,
      timeline: this.timeline,
      participants: this.participants,
      agents: this.agents,
      ivrFlowName: `${COMPANY} Main IVR`,
      transfers: this.transfers,
      toxic: this.toxic,
      traps: this.traps,
      interruptions: this.interruptions,
      reference: {
        summary: `${opening}${transferred} ${outcome.summary}`,
        reasonForCall: this.issue.reason,
        resolution: outcome.summary,
        resolved: this.scenario.outcome === 'resolved',
        callbackNeeded: this.scenario.outcome === 'callback',
      },
    };
  }

  /** The scripted middle of the call: topic details, fillers, remarks, hold and handoffs. */
  private body(): BodyItem[] {
    const c = this.content;
    const body: BodyItem[] = this.issue.details.map((lines) => ({ type: 'exchange' as const, lines }));
    const insert = (item: BodyItem, from = 0) =>
      body.splice(c.int(Math.min(from, body.length), body.length), 0, item);
    if (this.scenario.toxic) {
      insert({ type: 'toxic', remark: c.pick(TOXIC_REMARKS), response: c.pick(TOXIC_RESPONSES) }, 1);
    }
    if (this.scenario.trap) insert({ type: 'trap', trap: c.pick(TRAPS) });

    const handoffs = this.scenario.transferKinds;
    const fixed =
      (this.scenario.direction === 'inbound' ? 2 : 5) +
      4 +
      2 +
      4 +
      (this.scenario.hold ? 4 : 0) +
      handoffs.reduce((n, kind) => n + lineCount({ type: 'handoff', kind }), 0);
    const fillers = c.shuffle(FOLLOW_UPS);
    let nextFiller = 0;
    const total = () => fixed + body.reduce((n, item) => n + lineCount(item), 0);
    while (total() < this.scenario.turns || body.length < this.scenario.agents) {
      insert({ type: 'exchange', lines: fillers[nextFiller % fillers.length]! }, 1);
      nextFiller += 1;
    }

    const cuts = c
      .shuffle(Array.from({ length: body.length - 1 }, (_, i) => i + 1))
      .slice(0, handoffs.length)
      .sort((a, b) => b - a);
    cuts.forEach((cut, i) => {
      body.splice(cut, 0, { type: 'handoff', kind: handoffs[handoffs.length - 1 - i]! });
    });

    if (this.scenario.hold) {
      const bounds = [-1, ...body.flatMap((item, i) => (item.type === 'handoff' ? [i] : [])), body.length];
      const from = bounds[this.scenario.holdAgent]! + 1;
      const to = bounds[this.scenario.holdAgent + 1]!;
      body.splice(c.int(from, to), 0, { type: 'hold' });
    }
    return body;
  }

  private outcome(agentIndex: number): { summary: string } {
    const c = this.content;
    const slots = this.slotsFor(agentIndex);
    switch (this.scenario.outcome) {
      case 'resolved': {
        const r = c.pick(this.issue.resolutions);
        this.say(agent(r.agent, 'POSITIVE'), agentIndex, { tag: 'resolution' });
        this.say(customer(r.customer, 'POSITIVE'), agentIndex);
        return { summary: renderText(r.summary, slots) };
      }
      case 'callback': {
        const r = c.pick(CALLBACK_OUTCOMES);
        this.say(agent(r.agent), agentIndex, { tag: 'action' });
        this.say(customer(r.customer), agentIndex);
        return { summary: renderText(r.summary, slots) };
      }
      case 'unresolved': {
        const r = c.pick(UNRESOLVED_OUTCOMES);
        this.say(agent(r.agent), agentIndex);
        this.say(customer(r.customer, 'NEGATIVE'), agentIndex);
        return { summary: renderText(r.summary, slots) };
      }
    }
  }

  /** IVR prompts with DTMF/processing pauses stretched so the IVR lasts its drawn target (15-60 s). */
  private ivr(recordingStartMs: number): number {
    type Step =
      | { kind: 'prompt' | 'customer'; text: string; gapBefore: number }
      | { kind: 'pause'; minMs: number; weight: number };
    const c = this.content;
    const t = this.timing;
    const prompt = (text: string): Step => ({ kind: 'prompt', text, gapBefore: t.int(300, 800) });
    const steps: Step[] = [prompt(c.pick(IVR_WELCOMES))];
    if (c.chance(0.7)) steps.push(prompt(c.pick(IVR_RECORDING_NOTICES)));
    const menu = c.int(0, IVR_MENUS.length - 1);
    steps.push(prompt(IVR_MENUS[menu]!));
    if (menu === SPEECH_MENU) {
      steps.push({ kind: 'customer', text: c.pick(IVR_SPOKEN_CHOICES), gapBefore: t.int(600, 1400) });
      steps.push(prompt(c.pick(IVR_ACKNOWLEDGEMENTS)), { kind: 'pause', minMs: 1500, weight: 1 });
    } else {
      steps.push({ kind: 'pause', minMs: 1500, weight: 1 });
      if (c.chance(0.5)) steps.push(prompt(c.pick(IVR_ACKNOWLEDGEMENTS)));
    }
    if (c.chance(0.45)) {
      steps.push(
        prompt(c.pick(IVR_ACCOUNT_PROMPTS)),
        { kind: 'pause', minMs: 3000, weight: 2 },
        prompt(c.pick(IVR_ACKNOWLEDGEMENTS)),
      );
    }
    steps.push(prompt(c.pick(IVR_TRANSFERS)));

    const prepared = steps.map((step) => {
      if (step.kind === 'pause') return null;
      if (step.kind === 'prompt') return this.preparePrompt(step.text, 'ivr_prompt');
      return this.timeline.prepare({
        channel: 'CUSTOMER',
        role: 'CUSTOMER',
        kind: 'customer',
        agentIndex: null,
        fragments: renderTemplate(step.text, this.baseSlots),
        sentiment: 'NEUTRAL',
        tag: null,
        rate: this.customerRate,
      });
    });
    const target = t.int(15_000, 60_000);
    const tail = t.int(500, 1500);
    const start = recordingStartMs + t.int(300, 900);
    const fixedMs = steps.reduce((sum, step, i) => {
      if (step.kind === 'pause') return sum + step.minMs;
      return sum + step.gapBefore + prepared[i]!.durationMs;
    }, start + tail);
    const slack = Math.max(0, target - fixedMs);
    const weights = steps.reduce((sum, step) => sum + (step.kind === 'pause' ? step.weight : 0), 0);

    let cursor = start;
    steps.forEach((step, i) => {
      if (step.kind === 'pause') {
        cursor += step.minMs + Math.round((slack * step.weight) / weights);
        return;
      }
      const speech = prepared[i]!;
      const at = Math.max(cursor + (i === 0 ? 0 : step.gapBefore), this.timeline.earliestStart(speech.spec));
      cursor = this.timeline.place(speech, at).endMs;
    });
    const ivrEnd = this.timeline.snap(Math.max(target, this.timeline.speechEnd + tail));
    this.participants.push({ key: 'ivr', purpose: 'ivr', name: `${COMPANY} Main IVR`, agentIndex: null });
    this.timeline.addSegment({
      participant: 'ivr',
      segmentType: 'ivr',
      startMs: 0,
      endMs: ivrEnd,
      disconnectType: 'transfer',
    });
    return ivrEnd;
  }

  private pickPrompt(pool: readonly string[], previous: string | null): string {
    if (this.content.chance(0.2)) return this.content.pick(MUSIC_PHRASES);
    const options = pool.filter((text) => text !== previous);
    return this.content.pick(options.length ? options : pool);
  }

  /** Places prompts from `pool` every 12-30 s from `firstAt` while they end before `deadline`; returns the last text. */
  private fillWithPrompts(
    pool: readonly string[],
    kind: SpeechKind,
    firstAt: number,
    deadline: number,
  ): string | null {
    let next = firstAt;
    let previous: string | null = null;
    for (;;) {
      const text = this.pickPrompt(pool, previous);
      const prepared = this.preparePrompt(text, kind);
      const start = Math.max(next, this.timeline.earliestStart(prepared.spec));
      if (start + prepared.durationMs > deadline) return previous;
      next = this.timeline.place(prepared, start).endMs + this.timing.int(12_000, 30_000);
      previous = text;
    }
  }

  /**
   * Queue wait for agent `agentIndex`. With `mixed`, the last announcement ends just before the
   * agent answers, so Transcribe folds it into the agent's first turn.
   */
  private queue(
    agentIndex: number,
    startMs: number,
    targetMs: number,
    pool: readonly string[],
    mixed: boolean,
  ): { answerMs: number; greetingAt: number | null } {
    const queued = this.agents[agentIndex]!;
    const key = `acd-${this.acdCount}`;
    this.acdCount += 1;
    this.participants.push({ key, purpose: 'acd', name: queued.queueName, agentIndex: null });
    const previous = this.fillWithPrompts(
      pool,
      'queue_announcement',
      startMs + this.timing.int(800, 2500),
      startMs + targetMs - 2000,
    );
    let answerMs: number;
    let greetingAt: number | null = null;
    if (mixed) {
      const last = this.preparePrompt(this.pickPrompt(pool, previous), 'queue_announcement');
      const minStart = Math.max(this.timeline.earliestStart(last.spec), startMs + 150);
      answerMs = this.timeline.snap(Math.max(startMs + targetMs, minStart + last.durationMs + 400));
      const end = answerMs - this.timing.int(50, 350);
      this.timeline.place(last, end - last.durationMs);
      greetingAt = Math.max(answerMs + this.timing.int(100, 300), end + this.timing.int(250, 750));
    } else {
      answerMs = this.timeline.snap(Math.max(startMs + targetMs, this.timeline.endOf('AGENT') + 500));
    }
    this.timeline.addSegment({
      participant: key,
      segmentType: 'interact',
      startMs,
      endMs: answerMs,
      queueId: queued.queueId,
      disconnectType: 'transfer',
    });
    queued.queueStartMs = startMs;
    this.answer(agentIndex, answerMs, startMs);
    return { answerMs, greetingAt };
  }

  private answer(agentIndex: number, answerMs: number, alertNotBefore: number): void {
    const a = this.agents[agentIndex]!;
    const alertStart = Math.max(
      alertNotBefore,
      this.timeline.snap(answerMs - this.timing.int(2000, 9000), 'down'),
    );
    if (alertStart < answerMs) {
      this.timeline.addSegment({
        participant: a.participantKey,
        segmentType: 'alert',
        startMs: alertStart,
        endMs: answerMs,
        queueId: a.queueId,
      });
    }
    this.openInteract.set(agentIndex, answerMs);
  }

  private outboundConnect(recordingStartMs: number): number {
    const a = this.agents[0]!;
    const dialEnd = this.timeline.snap(this.timing.int(300, 1500));
    const answerMs = this.timeline.snap(
      Math.max(dialEnd + this.timing.int(4000, 20_000), recordingStartMs + 1000),
    );
    this.timeline.addSegment({
      participant: a.participantKey,
      segmentType: 'dialing',
      startMs: 0,
      endMs: dialEnd,
      queueId: a.queueId,
    });
    this.timeline.addSegment({
      participant: a.participantKey,
      segmentType: 'contacting',
      startMs: dialEnd,
      endMs: answerMs,
      queueId: a.queueId,
    });
    this.openInteract.set(0, answerMs);
    return answerMs;
  }

  private closeInteract(agentIndex: number, endMs: number, disconnectType: string | null): void {
    const a = this.agents[agentIndex]!;
    const startMs = this.openInteract.get(agentIndex);
    if (startMs === undefined) throw new Error(`agent ${agentIndex} is not connected`);
    this.timeline.addSegment({
      participant: a.participantKey,
      segmentType: 'interact',
      startMs,
      endMs,
      queueId: a.queueId,
      disconnectType,
    });
    this.openInteract.delete(agentIndex);
  }

  private wrapup(agentIndex: number, startMs: number): void {
    const a = this.agents[agentIndex]!;
    this.timeline.addSegment({
      participant: a.participantKey,
      segmentType: 'wrapup',
      startMs,
      endMs: this.timeline.snap(startMs + this.timing.int(3000, 90_000)),
      queueId: a.queueId,
      wrapUpCode: a.wrapUpCode,
      wrapUpNote: a.wrapUpNote,
    });
  }

  /** The agent holds the customer; hold messages (and hold-music vocals) play on the agent channel. */
  private hold(agentIndex: number, targetMs: number): number {
    const a = this.agents[agentIndex]!;
    const holdStart = this.timeline.snap(this.timeline.speechEnd + this.timing.int(400, 1200));
    this.closeInteract(agentIndex, holdStart, null);
    this.fillWithPrompts(
      HOLD_MESSAGES,
      'hold_message',
      holdStart + this.timing.int(2500, 7000),
      holdStart + targetMs - 2000,
    );
    const holdEnd = this.timeline.snap(Math.max(holdStart + targetMs, this.timeline.endOf('AGENT') + 800));
    this.timeline.addSegment({
      participant: a.participantKey,
      segmentType: 'hold',
      startMs: holdStart,
      endMs: holdEnd,
      queueId: a.queueId,
    });
    this.openInteract.set(agentIndex, holdEnd);
    return holdEnd;
  }

  private blindTransfer(from: number): void {
    const to = from + 1;
    this.sayAll(this.content.pick(BLIND_TRANSFER_ANNOUNCEMENTS), from);
    const leftAt = this.timeline.snap(this.timeline.speechEnd + this.timing.int(300, 1500));
    this.closeInteract(from, leftAt, 'transfer');
    this.wrapup(from, leftAt);
    this.transfers.push({ from, to, kind: 'blind', atMs: leftAt });
    const { answerMs } = this.queue(
      to,
      leftAt,
      this.timing.int(5000, 60_000),
      TRANSFER_QUEUE_ANNOUNCEMENTS,
      false,
    );
    this.sayAll(this.content.pick(TRANSFERRED_GREETINGS), to, answerMs + this.timing.int(300, 900));
  }

  /** Warm transfer: consult on hold, then both agents on the call for a few seconds, then A leaves. */
  private consultTransfer(from: number): void {
    const to = from + 1;
    this.sayAll(this.content.pick(CONSULT_REQUESTS), from);
    const holdEnd = this.hold(from, this.timing.int(15_000, 60_000));
    const joinedAt = this.timeline.snap(holdEnd + this.timing.int(0, 1000));
    this.answer(to, joinedAt, holdEnd - 30_000);
    const intro = this.content.pick(CONSULT_INTRODUCTIONS);
    this.say(agent(intro.handingOff), from, { notBefore: joinedAt + this.timing.int(300, 900) });
    this.say(agent(intro.receiving, 'POSITIVE'), to);
    this.say(agent(intro.farewell, 'POSITIVE'), from);
    this.say(customer(this.content.pick(CONSULT_THANKS), 'POSITIVE'), from);
    const leftAt = this.timeline.snap(this.timeline.speechEnd + this.timing.int(300, 1000));
    this.closeInteract(from, leftAt, 'consultTransfer');
    this.wrapup(from, leftAt);
    this.transfers.push({ from, to, kind: 'consult', atMs: leftAt });
    this.sayAll(this.content.pick(CONSULT_RECEIVER_OPENINGS), to);
  }
}

/** Tells one call: IVR, queue, agents, holds and transfers, speech placed on the CTR clock. */
export function narrateCall(
  scenario: Scenario,
  streams: { content: Random; timing: Random },
  customerProfile: CustomerProfile,
  startEpochMs: number,
): NarratedCall {
  return new CallNarrator(scenario, streams.content, streams.timing, customerProfile, startEpochMs).run();
}
