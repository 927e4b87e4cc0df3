import { describe, expect, it } from 'vitest';
import { recogniseFormat } from '../../core/formats.js';
import { generateCall, generateCalls, genesysUsersExport } from '../../generator/index.js';
import { readGeneratedCall } from './generated-call-reader.js';

// The generator makes the shapes real exports have, so the evaluations cover them
// (test/fixtures/*/README.md says where each shape was seen).
const raw = (call: ReturnType<typeof generateCall>, name: string | null) =>
  JSON.parse(call.files.find((f) => f.name === name)!.content);

describe('generated real-world shapes', () => {
  it('user-originated: the caller is a Genesys user who dialled in, the record has no customer', () => {
    // Act
    const call = generateCall({ seed: 3, caller: 'user', agents: 1 });
    const { ctr } = readGeneratedCall(call);

    // Assess
    expect(ctr!.participants.map((p) => p.purpose)).not.toContain('customer');
    const caller = ctr!.participants.find((p) => p.purpose === 'user')!;
    expect(caller.participantName).toBeUndefined();
    expect(caller.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(caller.sessions[0]!.direction).toBe('outbound');
    expect(caller.sessions[0]!.ani).toMatch(/^sip:/);
    expect(caller.sessions[0]!.segments.map((s) => s.segmentType)).toEqual(['dialing', 'interact']);
    expect(ctr!.originatingDirection).toBeUndefined();
    expect(call.truth.scenario.caller).toBe('user');
  });

  it('never makes an outbound call user-originated, and refuses the explicit contradiction', () => {
    expect(generateCall({ seed: 3, caller: 'user', direction: 'inbound' }).truth.scenario.caller).toBe(
      'user',
    );
    expect(() => generateCall({ seed: 3, caller: 'user', direction: 'outbound' })).toThrow(/inbound/);
  });

  it.each(['callback', 'chat'] as const)('a %s record has no voice session', (kind) => {
    // Act
    const call = generateCall({ seed: 5, ctr: kind });
    const { ctr } = readGeneratedCall(call);

    // Assess
    const media = new Set(ctr!.participants.flatMap((p) => p.sessions.map((s) => s.mediaType)));
    expect(media).toEqual(new Set([kind]));
    expect(call.truth.files.ctr).not.toBeNull();
    expect(recogniseFormat(raw(call, call.truth.files.ctr))).toBe('genesys-conversation');
  });

  it('agents without names in the record, named by the users export', () => {
    // Act
    const call = generateCall({ seed: 9, agents: 2, transfer: 'blind', agentNames: false });
    const { ctr } = readGeneratedCall(call);
    const users = genesysUsersExport() as { entities: { id: string; name: string }[] };

    // Assess
    const agents = ctr!.participants.filter((p) => p.purpose === 'agent');
    expect(agents.every((p) => p.participantName === undefined)).toBe(true);
    const byId = new Map(users.entities.map((u) => [u.id, u.name]));
    expect(call.truth.journey.agents.map((a) => byId.get(a.agentId))).toEqual(
      call.truth.journey.agents.map((a) => a.name),
    );
  });

  it('real-time transcripts: SessionId, no JobName, findings without offsets', () => {
    // Act
    const call = generateCall({ seed: 11, transcriptSource: 'real-time', outcome: 'resolved' });
    const json = raw(call, call.truth.files.transcript);

    // Assess
    expect(json.JobName).toBeUndefined();
    expect(json.SessionId).toMatch(/^[0-9a-f-]{36}$/);
    const findings = json.Transcript.flatMap((t: Record<string, unknown[]>) => [
      ...(t.IssuesDetected ?? []),
      ...(t.OutcomesDetected ?? []),
    ]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f: object) => Object.keys(f).length === 0)).toBe(true);
  });

  it('varied batches draw every shape, and a call keeps its other knobs when shapes are added', () => {
    // Act
    const batch = generateCalls(1, 200);
    const s = batch.map((c) => c.truth.scenario);

    // Assess
    expect(s.filter((x) => x.caller === 'user').length).toBeGreaterThan(0);
    expect(s.filter((x) => x.ctr === 'callback').length).toBeGreaterThan(0);
    expect(s.filter((x) => x.ctr === 'chat').length).toBeGreaterThan(0);
    expect(s.filter((x) => !x.agentNames).length).toBeGreaterThan(0);
    expect(s.filter((x) => x.transcriptSource === 'real-time').length).toBeGreaterThan(0);
    expect(s.filter((x) => x.direction === 'outbound' && x.caller === 'user')).toEqual([]);
    // A call with the default shapes is the same as the call generated without those knobs.
    const plain = batch.find(
      (c) =>
        c.truth.scenario.caller === 'customer' &&
        c.truth.scenario.ctr === 'present' &&
        c.truth.scenario.agentNames &&
        c.truth.scenario.transcriptSource === 'batch',
    )!;
    const again = generateCall({
      seed: plain.truth.seed,
      callId: plain.callId,
      topic: plain.truth.topic,
      naming: plain.truth.scenario.naming,
      timestampStyle: plain.truth.scenario.timestampStyle,
      ctr: 'present',
    });
    expect(again.files).toEqual(plain.files);
  });
});
