import { describe, expect, it } from 'vitest';
import {
  type CallTruth,
  type GeneratedCall,
  generateCalls,
  type SpeechTruth,
} from '../../generator/index.js';
import type { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { readGeneratedCall, segmentMs } from './generated-call-reader.js';

const calls: GeneratedCall[] = generateCalls(2024, 200);
const parsed = calls.map((call) => ({ call, truth: call.truth, ...readGeneratedCall(call) }));

const pronunciations = (transcript: TranscribeCallAnalyticsOutput, channel: 'AGENT' | 'CUSTOMER') =>
  transcript.Transcript.filter((t) => t.ParticipantRole === channel).flatMap((t) =>
    t.Items.filter((i) => i.Type === 'pronunciation'),
  );

/** The truth utterances (one channel) whose time span contains [begin, end]. */
const containing = (
  truth: CallTruth,
  channel: 'AGENT' | 'CUSTOMER',
  begin: number,
  end: number,
): SpeechTruth[] => truth.speech.filter((s) => s.channel === channel && s.beginMs <= begin && end <= s.endMs);

describe('generator truth consistency over 200 calls', () => {
  it('varies the scenarios across the batch', () => {
    // Act
    const scenarios = calls.map((c) => c.truth.scenario);

    // Assess
    expect(new Set(calls.map((c) => c.truth.topic)).size).toBe(10);
    expect(new Set(scenarios.map((s) => s.transfer))).toEqual(new Set(['none', 'blind', 'consult']));
    expect(new Set(scenarios.map((s) => s.agents))).toEqual(new Set([1, 2, 3]));
    expect(new Set(scenarios.map((s) => s.direction))).toEqual(new Set(['inbound', 'outbound']));
    for (const flag of ['hold', 'toxic', 'trap', 'mixedFirstTurn'] as const) {
      expect(new Set(scenarios.map((s) => s[flag]))).toEqual(new Set([true, false]));
    }
    expect(new Set(scenarios.map((s) => s.timestampStyle)).size).toBe(5);
    expect(scenarios.some((s) => s.ctr === 'missing')).toBe(true);
  });

  it('never overlaps words or utterances on one channel', () => {
    // Prepare
    const overlaps: string[] = [];
    const check = (callId: string, what: string, spans: readonly { begin: number; end: number }[]) => {
      spans.slice(1).forEach((span, i) => {
        if (span.begin < spans[i]!.end) overlaps.push(`${callId} ${what} at ${span.begin}`);
      });
    };

    // Act
    for (const { truth, transcript } of parsed) {
      for (const channel of ['AGENT', 'CUSTOMER'] as const) {
        const utterances = truth.speech.filter((s) => s.channel === channel);
        check(
          truth.callId,
          `${channel} utterance`,
          utterances.map((u) => ({ begin: u.beginMs, end: u.endMs })),
        );
        check(
          truth.callId,
          `${channel} word`,
          utterances.flatMap((u) => u.words).map((w) => ({ begin: w.beginMs, end: w.endMs })),
        );
        const items = pronunciations(transcript, channel)
          .map((i) => ({ begin: i.BeginOffsetMillis!, end: i.EndOffsetMillis! }))
          .sort((a, b) => a.begin - b.begin);
        check(truth.callId, `${channel} item`, items);
      }
    }

    // Assess
    expect(overlaps).toEqual([]);
  });

  it('puts every transcript word inside exactly one truth utterance of its channel, with a role', () => {
    // Prepare
    const problems: string[] = [];
    let checked = 0;

    // Act
    for (const { truth, transcript } of parsed) {
      for (const channel of ['AGENT', 'CUSTOMER'] as const) {
        for (const item of pronunciations(transcript, channel)) {
          checked += 1;
          const where = `${truth.callId} ${item.Content}@${item.BeginOffsetMillis}`;
          const owners = containing(truth, channel, item.BeginOffsetMillis!, item.EndOffsetMillis!);
          const owner = owners[0];
          if (owners.length !== 1 || !owner) problems.push(`${where}: ${owners.length} owners`);
          else if ((owner.role === 'AGENT') !== (owner.agentId !== null))
            problems.push(`${where}: agent id vs role`);
          else if (item.Content !== '[PII]' && !owner.words.some((w) => w.text === item.Content)) {
            problems.push(`${where}: not a word of #${owner.index}`);
          }
        }
      }
    }

    // Assess
    expect(checked).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
  });

  it('writes the spoken words into the transcript unchanged when redaction is off', () => {
    const raw = parsed.filter((p) => !p.truth.scenario.redact);
    const rawOnDemand = generateCalls(5, 20, { redact: false }).map((call) => ({
      truth: call.truth,
      ...readGeneratedCall(call),
    }));
    for (const { truth, transcript } of [...raw, ...rawOnDemand]) {
      expect(transcript.ContentMetadata?.Output).toBe('Raw');
      for (const channel of ['AGENT', 'CUSTOMER'] as const) {
        // Act
        const transcribed = transcript.Transcript.filter((t) => t.ParticipantRole === channel)
          .map((t) => t.Content)
          .join(' ');
        const spoken = truth.speech
          .filter((s) => s.channel === channel)
          .map((s) => s.text)
          .join(' ');

        // Assess
        expect(transcribed).toBe(spoken);
      }
    }
  });

  it('redacts each Transcribe PII entity as one [PII] item spanning its words', () => {
    for (const { truth, transcript } of parsed.filter((p) => p.truth.scenario.redact)) {
      expect(transcript.ContentMetadata?.Output).toBe('Redacted');
      for (const pii of truth.pii) {
        // Act
        const items = pronunciations(transcript, pii.channel);
        const redacted = items.find((i) => i.Content === '[PII]' && i.BeginOffsetMillis === pii.beginMs);

        // Assess
        if (pii.transcribeRedacts) {
          expect(redacted?.EndOffsetMillis, `${truth.callId} ${pii.type}`).toBe(pii.endMs);
          expect(redacted?.Redaction?.[0]?.Type).toBe(pii.type);
        } else {
          expect(redacted).toBeUndefined();
        }
      }
      const piiItems = transcript.Transcript.flatMap((t) => t.Items).filter((i) => i.Content === '[PII]');
      expect(piiItems).toHaveLength(truth.pii.filter((p) => p.transcribeRedacts).length);
    }
  });

  it('reports TalkTime per role as the sum of that channel’s turn durations, and the recording duration', () => {
    for (const { truth, transcript } of parsed) {
      const characteristics = transcript.ConversationCharacteristics!;
      for (const role of ['AGENT', 'CUSTOMER'] as const) {
        // Act
        const sum = transcript.Transcript.filter((t) => t.ParticipantRole === role).reduce(
          (n, t) => n + t.EndOffsetMillis - t.BeginOffsetMillis,
          0,
        );

        // Assess
        expect(characteristics.TalkTime?.DetailsByParticipant[role]?.TotalTimeMillis).toBe(sum);
      }
      expect(characteristics.TotalConversationDurationMillis).toBe(truth.recording.durationMs);
      const lastEnd = Math.max(...transcript.Transcript.map((t) => t.EndOffsetMillis));
      expect(lastEnd).toBeLessThanOrEqual(truth.recording.durationMs);
      expect(truth.transcript.turns).toBe(transcript.Transcript.length);
    }
  });

  it('mixes prompt audio and agent speech in the first agent turn exactly when asked, and nowhere else', () => {
    for (const { truth, transcript } of parsed) {
      // Act
      const rolesPerTurn = transcript.Transcript.filter((t) => t.ParticipantRole === 'AGENT').map(
        (t) =>
          new Set(
            t.Items.filter((i) => i.Type === 'pronunciation').map(
              (i) => containing(truth, 'AGENT', i.BeginOffsetMillis!, i.EndOffsetMillis!)[0]!.role,
            ),
          ),
      );
      const firstAgentTurn = rolesPerTurn.findIndex((roles) => roles.has('AGENT'));

      // Assess
      expect(rolesPerTurn[firstAgentTurn]!.has('IVR'), truth.callId).toBe(truth.scenario.mixedFirstTurn);
      rolesPerTurn.forEach((roles, i) => {
        if (i !== firstAgentTurn)
          expect(roles.has('IVR') && roles.has('AGENT'), `${truth.callId} turn ${i}`).toBe(false);
      });
    }
  });

  it('writes CTR segments whose times add up to the truth journey', () => {
    for (const { truth, ctr } of parsed) {
      // Callback and chat records hold no voice journey to add up (see generator/real-shapes.test.ts).
      if (ctr === null || truth.scenario.ctr !== 'present') continue;
      // Prepare
      const segments = (purpose: string, type: string) =>
        ctr.participants
          .filter((p) => p.purpose === purpose)
          .flatMap((p) => p.sessions.flatMap((s) => s.segments))
          .filter((s) => s.segmentType === type);
      const total = (purpose: string, type: string) =>
        segments(purpose, type).reduce((n, s) => n + segmentMs(s), 0);
      const agents = ctr.participants.filter((p) => p.purpose === 'agent');
      const metric = (p: (typeof agents)[number], name: string) =>
        p.sessions.flatMap((s) => s.metrics).find((m) => m.name === name)?.value ?? 0;

      // Assess
      expect(total('ivr', 'ivr')).toBe(truth.journey.ivrMs);
      expect(total('acd', 'interact')).toBe(truth.journey.queueMs);
      expect(total('agent', 'hold')).toBe(truth.journey.holdMs);
      expect(total('agent', 'wrapup')).toBe(truth.journey.acwMs);
      expect(total('agent', 'interact')).toBe(truth.journey.talkMs);
      expect(agents.reduce((n, p) => n + metric(p, 'tHandle'), 0)).toBe(truth.journey.handleMs);
      // Genesys' handle time: talk + hold + ACW, and an outbound call's dialing and contacting
      const dialed = total('agent', 'dialing') + total('agent', 'contacting');
      expect(dialed > 0).toBe(truth.journey.direction === 'outbound');
      expect(truth.journey.handleMs).toBe(
        truth.journey.talkMs + truth.journey.holdMs + truth.journey.acwMs + dialed,
      );
      expect(agents.map((p) => p.userId)).toEqual(truth.journey.agents.map((a) => a.agentId));
      for (const [i, p] of agents.entries()) {
        expect(metric(p, 'tTalkComplete')).toBe(truth.journey.agents[i]!.talkMs);
        expect(metric(p, 'tHeldComplete')).toBe(truth.journey.agents[i]!.holdMs);
        expect(metric(p, 'tAcw')).toBe(truth.journey.agents[i]!.acwMs);
        expect(metric(p, 'nTransferred')).toBe(i < agents.length - 1 ? 1 : 0);
      }
      expect(segments('agent', 'wrapup').map((s) => s.wrapUpCode)).toEqual(truth.journey.wrapupCodes);
      const queueIds = [...segments('acd', 'interact'), ...segments('agent', 'interact')]
        .sort((a, b) => Date.parse(a.segmentStart) - Date.parse(b.segmentStart))
        .map((s) => s.queueId);
      expect([...new Set(queueIds)]).toEqual(truth.journey.queueIds);
      expect(Date.parse(ctr.conversationStart)).toBe(Date.parse(truth.conversationStart));
      expect(Date.parse(ctr.conversationEnd!)).toBe(Date.parse(truth.conversationEnd));
    }
  });

  it('keeps every utterance inside the CTR segment that explains its role', () => {
    for (const { truth } of parsed) {
      // Prepare
      const within = (s: SpeechTruth, type: string, match: (seg: CallTruth['segments'][number]) => boolean) =>
        truth.segments.some(
          (seg) =>
            seg.segmentType === type &&
            match(seg) &&
            seg.startMs <= truth.recording.trueStartOffsetMs + s.beginMs &&
            truth.recording.trueStartOffsetMs + s.endMs <= seg.endMs,
        );

      for (const s of truth.speech) {
        // Act
        const explained =
          s.kind === 'ivr_prompt'
            ? within(s, 'ivr', (seg) => seg.purpose === 'ivr')
            : s.kind === 'queue_announcement'
              ? within(s, 'interact', (seg) => seg.purpose === 'acd')
              : s.kind === 'hold_message'
                ? within(s, 'hold', (seg) => seg.purpose === 'agent')
                : s.kind === 'agent'
                  ? within(s, 'interact', (seg) => seg.agentId === s.agentId)
                  : within(s, 'interact', (seg) => ['customer', 'external', 'user'].includes(seg.purpose));

        // Assess
        expect(explained, `${truth.callId} #${s.index} ${s.kind}`).toBe(true);
        expect(s.role === 'IVR').toBe(['ivr_prompt', 'queue_announcement', 'hold_message'].includes(s.kind));
      }
      expect(truth.recording.trueStartOffsetMs + truth.recording.durationMs).toBe(
        Math.max(
          ...truth.segments
            .filter((seg) => seg.purpose !== 'agent' || seg.segmentType !== 'wrapup')
            .map((seg) => seg.endMs),
        ),
      );
    }
  });

  it('writes a recording start that is off from the true start by at most the configured skew', () => {
    for (const { truth, recording } of parsed) {
      // Act
      const reportedOffset = Date.parse(recording.startTime!) - Date.parse(truth.conversationStart);
      const precision = truth.scenario.recordingTimestampStyle === 'utc-seconds' ? 1000 : 1;

      // Assess
      expect(reportedOffset).toBe(truth.recording.reportedStartOffsetMs);
      expect(recording.startTime).toBe(truth.recording.reportedStartTime);
      expect(Math.abs(reportedOffset - truth.recording.trueStartOffsetMs)).toBeLessThan(
        truth.scenario.skewMs + precision,
      );
      expect(Date.parse(truth.recording.trueStart) - Date.parse(truth.conversationStart)).toBe(
        truth.recording.trueStartOffsetMs,
      );
      expect(recording.durationMs).toBe(truth.recording.durationMs);
      expect(Date.parse(recording.endTime!) - Date.parse(recording.startTime!)).toBe(
        truth.recording.durationMs,
      );
    }
  });

  it('marks toxic remarks and benign traps on real utterances', () => {
    for (const { truth } of parsed) {
      // Assess
      expect(truth.toxic.length > 0).toBe(truth.scenario.toxic);
      expect(truth.traps.length > 0).toBe(truth.scenario.trap);
      for (const t of truth.toxic) {
        expect(truth.speech[t.speechIndex]!.role).toBe('CUSTOMER');
        expect(truth.speech[t.speechIndex]!.text).toBe(t.text);
      }
      for (const t of truth.traps) expect(truth.speech[t.speechIndex]!.text).toBe(t.text);
      expect(truth.reference.summary).toContain(truth.reference.reasonForCall);
      expect(truth.reference.resolved && truth.reference.callbackNeeded).toBe(false);
    }
  });

  it('hands off between agents as the transfer kind says', () => {
    for (const { truth } of parsed) {
      const interacts = (agentId: string) =>
        truth.segments.filter((s) => s.agentId === agentId && s.segmentType === 'interact');
      expect(truth.journey.transfers).toHaveLength(truth.scenario.agents - 1);
      for (const transfer of truth.journey.transfers) {
        // Act
        const from = interacts(transfer.fromAgentId);
        const to = interacts(transfer.toAgentId);
        const left = from[from.length - 1]!;
        const overlap = left.endMs - to[0]!.startMs;

        // Assess
        expect(left.disconnectType).toBe(transfer.kind === 'blind' ? 'transfer' : 'consultTransfer');
        expect(left.endMs).toBe(transfer.atMs);
        if (transfer.kind === 'blind') expect(overlap).toBeLessThan(0);
        else {
          expect(overlap).toBeGreaterThan(0);
          expect(overlap).toBeLessThan(60_000);
        }
      }
    }
  });
});
