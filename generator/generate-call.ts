import type { PlacedUtterance } from './call-timeline.js';
import { createCustomerProfile } from './customer-profile.js';
import { buildGenesysRecord, voicelessRecord } from './genesys-record.js';
import { type NarratedCall, narrateCall } from './narrate-call.js';
import { GenerateOptions } from './options.js';
import { Random } from './random.js';
import { resolveScenario, type Scenario } from './scenario.js';
import { stableId } from './stable-id.js';
import { formatTimestamp, stylePrecisionMs } from './timestamp.js';
import { buildTranscribeOutput, transcribeRedacts } from './transcribe-output.js';
import { CallTruth, type TruthJourney, type TruthSegment } from './truth.js';

export interface GeneratedFile {
  name: string;
  content: string;
}

export interface GeneratedCall {
  callId: string;
  files: GeneratedFile[];
  truth: CallTruth;
}

const DEFAULT_FIRST_DAY = Date.UTC(2026, 2, 2);
const DAY_MS = 86_400_000;

/** Conversation start: business hours in US Eastern (13:00-23:00 UTC) on a drawn or given day. */
function conversationStartEpoch(scenario: Scenario, random: Random): number {
  const drawnDay = DEFAULT_FIRST_DAY + random.int(0, 27) * DAY_MS;
  const drawnTime = random.int(13 * 3600, 22 * 3600 + 3599) * 1000 + random.int(0, 999);
  let epoch: number;
  if (scenario.startDate === null) epoch = drawnDay + drawnTime;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(scenario.startDate))
    epoch = Date.parse(`${scenario.startDate}T00:00:00Z`) + drawnTime;
  else epoch = Date.parse(scenario.startDate);
  const precision = stylePrecisionMs(scenario.timestampStyle);
  return Math.floor(epoch / precision) * precision;
}

function fileNames(scenario: Scenario): { transcript: string; ctr: string; recording: string } {
  const stem = scenario.callId;
  return scenario.naming === 'pca'
    ? {
        transcript: `${stem}.tca.json`,
        ctr: `${stem}.wav_metadata.json`,
        recording: `${stem}.wav_call_metadata.json`,
      }
    : { transcript: `${stem}.tca.json`, ctr: `${stem}.ctr.json`, recording: `${stem}.recording.json` };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The Genesys user id of an employee who places a user-originated call (one per call). */
const callerUserId = (callId: string) => stableId('caller-user', callId);

function journeyOf(call: NarratedCall, direction: Scenario['direction']): TruthJourney {
  const segments = call.timeline.segments;
  const length = (list: readonly { startMs: number; endMs: number }[]) =>
    list.reduce((n, s) => n + s.endMs - s.startMs, 0);
  const ofType = (participants: readonly string[], type: string) =>
    segments.filter((s) => participants.includes(s.participant) && s.segmentType === type);
  const keysOf = (purpose: string) =>
    call.participants.filter((p) => p.purpose === purpose).map((p) => p.key);
  const agents = call.agents.map((a, i) => {
    const talkMs = length(ofType([a.participantKey], 'interact'));
    const holdMs = length(ofType([a.participantKey], 'hold'));
    const acwMs = length(ofType([a.participantKey], 'wrapup'));
    return {
      agentId: a.userId,
      name: a.name,
      order: i + 1,
      queueId: a.queueId,
      talkMs,
      holdMs,
      acwMs,
      wrapUpCode: a.wrapUpCode,
    };
  });
  const queueIds: string[] = [];
  for (const s of [...segments].sort((a, b) => a.startMs - b.startMs)) {
    if (s.queueId && !queueIds.includes(s.queueId)) queueIds.push(s.queueId);
  }
  const talkMs = agents.reduce((n, a) => n + a.talkMs, 0);
  const holdMs = agents.reduce((n, a) => n + a.holdMs, 0);
  const acwMs = agents.reduce((n, a) => n + a.acwMs, 0);
  // An outbound call's dialing and ringing (Genesys tDialing, tContacting) are handle time too.
  const agentKeys = call.agents.map((a) => a.participantKey);
  const dialMs = length(ofType(agentKeys, 'dialing')) + length(ofType(agentKeys, 'contacting'));
  return {
    direction,
    agents,
    transfers: call.transfers.map((t) => ({
      fromAgentId: call.agents[t.from]!.userId,
      toAgentId: call.agents[t.to]!.userId,
      kind: t.kind,
      atMs: t.atMs,
    })),
    ivrMs: length(ofType(keysOf('ivr'), 'ivr')),
    queueMs: length(ofType(keysOf('acd'), 'interact')),
    holdMs,
    talkMs,
    acwMs,
    handleMs: talkMs + holdMs + acwMs + dialMs,
    queueIds,
    wrapupCodes: call.agents.map((a) => a.wrapUpCode),
  };
}

/** One synthetic call: the drop files (transcript, CTR, recording metadata) and its ground truth. */
export function generateCall(options: GenerateOptions): GeneratedCall {
  const parsed = GenerateOptions.parse(options);
  const seed = parsed.seed;
  const scenario = resolveScenario(parsed, Random.stream(seed, 'scenario'));
  const clock = Random.stream(seed, 'clock');
  const ids = Random.stream(seed, 'ids');
  const customer = createCustomerProfile(Random.stream(seed, 'customer'), Random.stream(seed, 'pii-forms'));
  const startEpochMs = conversationStartEpoch(scenario, clock);
  const call = narrateCall(
    scenario,
    { content: Random.stream(seed, 'content'), timing: Random.stream(seed, 'timing') },
    customer,
    startEpochMs,
  );

  const conversationId = ids.uuid();
  const recordingId = ids.uuid();
  const participantIds = new Map(
    call.participants.map((p) => [p.key, { participantId: ids.uuid(), sessionId: ids.uuid() }]),
  );

  const skew = scenario.skewMs === 0 ? 0 : clock.int(-scenario.skewMs, scenario.skewMs);
  const trueStartEpoch = startEpochMs + call.recordingStartMs;
  const precision = stylePrecisionMs(scenario.recordingTimestampStyle);
  const reportedStartEpoch = Math.floor((trueStartEpoch + skew) / precision) * precision;
  const durationMs = call.callEndMs - call.recordingStartMs;
  const recordingStyle = scenario.recordingTimestampStyle;
  const recording = {
    conversationId,
    recordingId,
    startTime: formatTimestamp(reportedStartEpoch, recordingStyle),
    endTime: formatTimestamp(reportedStartEpoch + durationMs, recordingStyle),
    durationMs,
  };

  const ordered = [...call.timeline.utterances].sort(
    (a, b) => a.beginMs - b.beginMs || (a.channel === 'AGENT' ? -1 : 1),
  );
  const indexOf = new Map<PlacedUtterance, number>(ordered.map((u, i) => [u, i]));
  const rel = (ms: number) => ms - call.recordingStartMs;

  const transcribe = buildTranscribeOutput({
    jobName: scenario.callId,
    utterances: ordered,
    entities: call.timeline.entities,
    offsetMs: call.recordingStartMs,
    durationMs,
    redact: scenario.redact,
    topic: scenario.topic,
    transferred: call.transfers.length > 0,
    callbackNeeded: scenario.outcome === 'callback',
    random: Random.stream(seed, 'transcribe'),
    source: scenario.transcriptSource,
    sessionId: stableId('session', scenario.callId),
  });

  const names = fileNames(scenario);
  const files: GeneratedFile[] = [{ name: names.transcript, content: json(transcribe.json) }];
  if (scenario.ctr !== 'missing') {
    const record = buildGenesysRecord({
      call,
      conversationId,
      startEpochMs,
      direction: scenario.direction,
      customer,
      style: scenario.timestampStyle,
      ids: participantIds,
      random: Random.stream(seed, 'ctr'),
      callerUserId: scenario.caller === 'user' ? callerUserId(scenario.callId) : null,
      agentNames: scenario.agentNames,
    });
    const dropped = scenario.ctr === 'present' ? record : voicelessRecord(record, scenario.ctr);
    files.push({ name: names.ctr, content: json(dropped) });
  }
  files.push({ name: names.recording, content: json(recording) });

  const agentOf = (u: PlacedUtterance) => (u.agentIndex === null ? null : call.agents[u.agentIndex]!);
  const segments: TruthSegment[] = call.timeline.segments.map((s) => {
    const participant = call.participants.find((p) => p.key === s.participant)!;
    return {
      purpose: participant.purpose,
      participantId: participantIds.get(s.participant)!.participantId,
      agentId:
        participant.agentIndex !== null
          ? call.agents[participant.agentIndex]!.userId
          : participant.purpose === 'user'
            ? callerUserId(scenario.callId)
            : null,
      queueId: s.queueId,
      segmentType: s.segmentType,
      startMs: s.startMs,
      endMs: s.endMs,
      disconnectType: s.disconnectType,
      wrapUpCode: s.wrapUpCode,
    };
  });
  const conversationEndMs = Math.max(...call.timeline.segments.map((s) => s.endMs));

  const truth = CallTruth.parse({
    schemaVersion: 1,
    callId: scenario.callId,
    seed,
    topic: scenario.topic,
    conversationId,
    conversationStart: new Date(startEpochMs).toISOString(),
    conversationEnd: new Date(startEpochMs + conversationEndMs).toISOString(),
    scenario: {
      direction: scenario.direction,
      agents: scenario.agents,
      transfer: scenario.transfer,
      transferKinds: scenario.transferKinds,
      hold: scenario.hold,
      toxic: scenario.toxic,
      trap: scenario.trap,
      mixedFirstTurn: scenario.mixedFirstTurn,
      redact: scenario.redact,
      ctr: scenario.ctr,
      caller: scenario.caller,
      agentNames: scenario.agentNames,
      transcriptSource: scenario.transcriptSource,
      naming: scenario.naming,
      timestampStyle: scenario.timestampStyle,
      recordingTimestampStyle: scenario.recordingTimestampStyle,
      skewMs: scenario.skewMs,
      turns: scenario.turns,
      outcome: scenario.outcome,
      interruptions: call.interruptions,
    },
    files: {
      transcript: names.transcript,
      ctr: scenario.ctr === 'missing' ? null : names.ctr,
      recording: names.recording,
    },
    recording: {
      recordingId,
      trueStart: new Date(trueStartEpoch).toISOString(),
      reportedStartTime: recording.startTime,
      trueStartOffsetMs: call.recordingStartMs,
      reportedStartOffsetMs: reportedStartEpoch - startEpochMs,
      durationMs,
    },
    speech: ordered.map((u, index) => ({
      index,
      channel: u.channel,
      role: u.role,
      agentId: agentOf(u)?.userId ?? null,
      agentName: agentOf(u)?.name ?? null,
      kind: u.kind,
      beginMs: rel(u.beginMs),
      endMs: rel(u.endMs),
      text: u.text,
      sentiment: u.sentiment,
      words: u.tokens
        .filter((t) => !t.punctuation)
        .map((t) => ({ text: t.text, beginMs: rel(t.beginMs), endMs: rel(t.endMs) })),
    })),
    journey: journeyOf(call, scenario.direction),
    segments,
    pii: call.timeline.entities.map((entity, entityId) => {
      const words = entity.utterance.tokens.filter((t) => t.entityId === entityId && !t.punctuation);
      return {
        type: entity.type,
        spokenText: entity.text,
        channel: entity.utterance.channel,
        speechIndex: indexOf.get(entity.utterance)!,
        beginMs: rel(words[0]!.beginMs),
        endMs: rel(words[words.length - 1]!.endMs),
        transcribeRedacts: transcribeRedacts(entity.type),
      };
    }),
    toxic: call.toxic.map((t) => ({
      speechIndex: indexOf.get(t.utterance)!,
      label: t.label,
      text: t.utterance.text,
    })),
    traps: call.traps.map((t) => ({
      speechIndex: indexOf.get(t.utterance)!,
      resembles: t.resembles,
      text: t.utterance.text,
    })),
    reference: call.reference,
    transcript: { turns: transcribe.turnCount, redacted: scenario.redact },
  });
  return { callId: scenario.callId, files, truth };
}
