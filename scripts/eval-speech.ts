/**
 * Evaluation of the whole embedded speech engine (voice activity + speech to text + metrics, as
 * `runEmbeddedEngine` runs it for a recording) on generated calls with ground truth:
 *   - word error rate per channel (agent / customer), per recording format (8 kHz μ-law stereo as
 *     Genesys Cloud exports it, 16 kHz 16-bit PCM stereo), with Debian's en-US language model and
 *     with the call-center model mixed in; the same recognisers on real human speech (Debian
 *     pocketsphinx-testdata, 16 kHz and resampled to 8 kHz);
 *   - talk time per role against the scripted speech spans;
 *   - non-talk and interruption detection precision/recall (matching rules in
 *     scripts/asr/speech-scoring.ts);
 *   - real-time factor per channel: CPU seconds (this process + the decoders it reaped) per
 *     second of channel audio, split into speech to text and the rest, and wall clock.
 *
 *   npm run eval:speech [-- --count 6 --seed 101 --processes 2 --json .debrief/eval-speech.json]
 *
 * Six calls take about 25 minutes on a shared 2-core machine (four engine runs per call);
 * `--count 2` gives a quick look.
 *
 * Calls are drawn with seeds 101.. (the bundled samples use the showcase of seed 42). PII
 * redaction is off, so word error rates score words rather than [PII] tags (eval:pii scores the
 * redactor). The generator has no knob to keep its lines apart from the call-center model's
 * training text, so the overlap is measured and printed instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { loadCategories } from '../adapters/local/categories-file.js';
import { runEmbeddedEngine } from '../adapters/local/speech/embedded-engine.js';
import {
  DEFAULT_CORPUS,
  type DomainModel,
} from '../adapters/local/speech/language-model/build-domain-model.js';
import { domainSentences, tokenize } from '../adapters/local/speech/language-model/domain-corpus.js';
import { createLocalRecognizer } from '../adapters/local/speech/recognizers/local-recognizer.js';
import { decodeWavBytes } from '../adapters/local/speech/wav-file.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import type { SpeechRecognizer } from '../core/ports/speech-recognizer.js';
import { NON_TALK_MIN_MS, nonTalkInstances, type Role } from '../core/speech/conversation-metrics.js';
import { spanTotal } from '../core/speech/voice-activity.js';
import { type AudioEncoding, renderCallAudio } from '../generator/audio/render-call-audio.js';
import { type CallTruth, generateCall } from '../generator/index.js';
import { buildDomainModelShowingProgress, progressReporter } from './asr/progress.js';
import {
  addDetections,
  type DetectionCounts,
  matchEvents,
  matchSpans,
  NO_DETECTIONS,
  precisionRecall,
  scriptedInterruptions,
  scriptedTalk,
  type TimedEvent,
  talkTimeError,
} from './asr/speech-scoring.js';
import { atRate, cpuSeconds, durationSeconds, loadTestdata, type Utterance } from './asr/speech-sets.js';
import { timedRecognizer } from './asr/timed-recognizer.js';
import {
  addErrors,
  NO_ERRORS,
  normalizeWords,
  type WordErrors,
  wordErrorRate,
  wordErrors,
} from './asr/word-error-rate.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '6' },
    seed: { type: 'string', default: '101' },
    processes: { type: 'string', default: '2' },
    json: { type: 'string', default: '.debrief/eval-speech.json' },
  },
  strict: true,
});
const integer = (name: string, text: string, min: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`);
  return n;
};
const count = integer('count', values.count, 1);
const firstSeed = integer('seed', values.seed, 0);
const processes = integer('processes', values.processes, 1);

const ROLES = ['AGENT', 'CUSTOMER'] as const;
const AGENT_CHANNEL = 1; // the Genesys layout (the bundled samples use it too)
const FORMATS: { name: string; sampleRate: number; encoding: AudioEncoding }[] = [
  { name: '8 kHz μ-law', sampleRate: 8000, encoding: 'mulaw' },
  { name: '16 kHz PCM', sampleRate: 16_000, encoding: 'pcm16' },
];
const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const signedPct = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`);

// Recognisers: the two createLocalRecognizer picks (never a configured server: this scores pocketsphinx).
const domain: DomainModel = await buildDomainModelShowingProgress();
const models: { name: string; recognizer: SpeechRecognizer }[] = [
  {
    name: 'en-us',
    recognizer: await createLocalRecognizer({
      openAi: null,
      domainModel: false,
      pocketsphinx: { processes },
    }),
  },
  {
    name: `en-us + call center (λ=${domain.report.domainWeight})`,
    recognizer: await createLocalRecognizer({ openAi: null, domainModel: true, pocketsphinx: { processes } }),
  },
];
const categories = await loadCategories();

/** How much of the calls' script the call-center model saw in training (utterances and word trigrams). */
const trainingOverlap = async (truths: readonly CallTruth[]) => {
  const taxonomy = await loadTaxonomy();
  const training = domainSentences({
    corpus: await readFile(DEFAULT_CORPUS, 'utf8'),
    phrases: [...taxonomy.background, ...taxonomy.topics.flatMap((t) => [t.description, ...t.examples])],
  });
  const sentences = new Set(training.map((s) => s.join(' ')));
  const trigrams = new Set(training.flatMap((s) => s.slice(2).map((_, i) => s.slice(i, i + 3).join(' '))));
  let utterances = 0;
  let seenUtterances = 0;
  let grams = 0;
  let seenGrams = 0;
  for (const s of truths.flatMap((t) => t.speech)) {
    const words = tokenize(s.text);
    utterances++;
    if (sentences.has(words.join(' '))) seenUtterances++;
    for (let i = 0; i + 3 <= words.length; i++) {
      grams++;
      if (trigrams.has(words.slice(i, i + 3).join(' '))) seenGrams++;
    }
  }
  return { utterances, seenUtterances, trigrams: grams, seenTrigrams: seenGrams };
};

// ---- real human speech: the recognisers alone (segments as given, as eval:asr decodes them)
interface RealRow {
  set: string;
  model: string;
  audioSeconds: number;
  errors: WordErrors;
  wer: number;
  rtfPerCore: number;
}
const real16 = await loadTestdata();
const realSets: [string, Utterance[]][] = [
  ['real read speech 16 kHz', real16],
  ['the same at 8 kHz', await atRate(real16, 8000)],
];
const realRows: RealRow[] = [];
for (const [set, utterances] of realSets) {
  for (const m of models) {
    const bar = progressReporter(`${set} · ${m.name}`);
    const cpu0 = await cpuSeconds();
    const words = await m.recognizer.recognize(
      utterances.map((u, i) => ({
        id: u.id,
        beginMs: i * 1000,
        sampleRate: u.sampleRate,
        samples: u.samples,
      })),
      { onProgress: bar.update },
    );
    const cpu = (await cpuSeconds()) - cpu0;
    bar.stop();
    const errors = utterances.reduce(
      (sum, u, i) =>
        addErrors(
          sum,
          wordErrors(normalizeWords(u.reference), normalizeWords(words[i]!.map((w) => w.text).join(' '))),
        ),
      NO_ERRORS,
    );
    const audioSeconds = durationSeconds(utterances);
    realRows.push({
      set,
      model: m.name,
      audioSeconds,
      errors,
      wer: wordErrorRate(errors),
      rtfPerCore: cpu / audioSeconds,
    });
  }
}

// ---- generated calls through the whole engine
interface CallRun {
  callId: string;
  seed: number;
  format: string;
  model: string;
  durationSeconds: number;
  channels: number;
  errors: Record<Role, WordErrors>;
  talk: Record<Role, { truthMs: number; engineMs: number; errorMs: number; errorShare: number | null }>;
  nonTalk: DetectionCounts;
  interruptions: DetectionCounts;
  cpu: { total: number; asr: number };
  wall: { total: number; asr: number };
}

const calls = Array.from({ length: count }, (_, i) => generateCall({ seed: firstSeed + i }));
const runs: CallRun[] = [];
for (const [ci, call] of calls.entries()) {
  const truth = call.truth;
  const spoken = truth.speech.toSorted((a, b) => a.beginMs - b.beginMs);
  const reference = Object.fromEntries(
    ROLES.map((r) => [
      r,
      normalizeWords(
        spoken
          .filter((s) => s.channel === r)
          .map((s) => s.text)
          .join(' '),
      ),
    ]),
  ) as Record<Role, string[]>;
  const truthTalk = Object.fromEntries(ROLES.map((r) => [r, scriptedTalk(spoken, r)])) as Record<
    Role,
    ReturnType<typeof scriptedTalk>
  >;
  const truthNonTalk = nonTalkInstances([truthTalk.AGENT, truthTalk.CUSTOMER], truth.recording.durationMs);
  const truthInterruptions = scriptedInterruptions(spoken);
  for (const format of FORMATS) {
    const rendered = await renderCallAudio(truth, {
      sampleRate: format.sampleRate,
      encoding: format.encoding,
      agentChannel: AGENT_CHANNEL,
    });
    const audio = decodeWavBytes(rendered.wav, `${call.callId}.wav`);
    for (const m of models) {
      const bar = progressReporter(`call ${ci + 1}/${count} ${format.name} · ${m.name}`);
      const timed = timedRecognizer(m.recognizer);
      const cpu0 = await cpuSeconds();
      const t0 = performance.now();
      const result = await runEmbeddedEngine(audio, call.callId, {
        recognizer: timed.recognizer,
        redactor: null,
        categories,
        agentChannel: AGENT_CHANNEL,
        languageCode: 'en-US',
        version: 'eval',
        onProgress: (stage, done, total) => {
          if (stage === 'speech to text') bar.update(done, total);
        },
      });
      const wall = (performance.now() - t0) / 1000;
      const cpu = (await cpuSeconds()) - cpu0;
      bar.stop();
      const out = result.output;
      const cc = out.ConversationCharacteristics!;
      const hypothesis = (role: Role) =>
        normalizeWords(
          out.Transcript.filter((t) => t.ParticipantRole === role)
            .flatMap((t) => t.Items)
            .toSorted((a, b) => (a.BeginOffsetMillis ?? 0) - (b.BeginOffsetMillis ?? 0))
            .map((w) => w.Content)
            .join(' '),
        );
      const found: TimedEvent[] = ROLES.flatMap((role) =>
        (cc.Interruptions?.InterruptionsByInterrupter?.[role] ?? []).map((x) => ({
          interrupter: role,
          beginMs: x.BeginOffsetMillis,
        })),
      );
      const engineNonTalk = (cc.NonTalkTime?.Instances ?? []).map((x) => ({
        beginMs: x.BeginOffsetMillis,
        endMs: x.EndOffsetMillis,
      }));
      runs.push({
        callId: call.callId,
        seed: truth.seed,
        format: format.name,
        model: m.name,
        durationSeconds: audio.header.durationMs / 1000,
        channels: audio.channels.length,
        errors: Object.fromEntries(
          ROLES.map((r) => [r, wordErrors(reference[r], hypothesis(r))]),
        ) as CallRun['errors'],
        talk: Object.fromEntries(
          ROLES.map((r) => {
            const truthMs = spanTotal(truthTalk[r]);
            const engineMs = cc.TalkTime?.DetailsByParticipant?.[r]?.TotalTimeMillis ?? 0;
            return [r, { truthMs, engineMs, ...talkTimeError(engineMs, truthMs) }];
          }),
        ) as CallRun['talk'],
        nonTalk: matchSpans(truthNonTalk, engineNonTalk),
        interruptions: matchEvents(truthInterruptions, found),
        cpu: { total: cpu, asr: timed.spent.cpu },
        wall: { total: wall, asr: timed.spent.wall },
      });
    }
  }
}

// ---- tables
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const of = (format: string, model?: string) =>
  runs.filter((r) => r.format === format && (model === undefined || r.model === model));
const errorCells = (e: WordErrors) => [
  e.reference,
  e.substitutions,
  e.deletions,
  e.insertions,
  pct(wordErrorRate(e)),
];

const werTable = new Table({
  head: ['generated calls', 'language model', 'channel', 'words', 'sub', 'del', 'ins', 'WER'],
  colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
});
const werRows: { format: string; model: string; channel: Role | 'both'; errors: WordErrors; wer: number }[] =
  [];
for (const format of FORMATS) {
  for (const m of models) {
    const rs = of(format.name, m.name);
    const byRole = Object.fromEntries(
      ROLES.map((r) => [r, rs.reduce((s, x) => addErrors(s, x.errors[r]), NO_ERRORS)]),
    ) as Record<Role, WordErrors>;
    const both = addErrors(byRole.AGENT, byRole.CUSTOMER);
    for (const [channel, e] of [...ROLES.map((r) => [r, byRole[r]] as const), ['both', both] as const]) {
      werRows.push({ format: format.name, model: m.name, channel, errors: e, wer: wordErrorRate(e) });
      werTable.push([format.name, m.name, channel.toLowerCase(), ...errorCells(e)]);
    }
  }
}

const realTable = new Table({
  head: ['real human speech', 'language model', 'audio s', 'words', 'sub', 'del', 'ins', 'WER', 'RTF/core'],
  colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
});
for (const r of realRows)
  realTable.push([
    r.set,
    r.model,
    r.audioSeconds.toFixed(1),
    ...errorCells(r.errors),
    r.rtfPerCore.toFixed(2),
  ]);

// Timing metrics come from voice activity alone: the same for both language models, so one model's runs.
const timingModel = models[0]!.name;
const talkTable = new Table({
  head: ['talk time', 'role', 'truth s', 'engine s', 'error s', 'error', 'mean |error| per call'],
  colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
});
const talkRows: {
  format: string;
  role: Role;
  truthMs: number;
  engineMs: number;
  errorShare: number | null;
  meanAbsShare: number;
}[] = [];
for (const format of FORMATS) {
  const rs = of(format.name, timingModel);
  for (const role of ROLES) {
    const truthMs = sum(rs.map((r) => r.talk[role].truthMs));
    const engineMs = sum(rs.map((r) => r.talk[role].engineMs));
    const shares = rs.map((r) => r.talk[role].errorShare).filter((x): x is number => x !== null);
    const meanAbsShare = sum(shares.map(Math.abs)) / Math.max(1, shares.length);
    const { errorMs, errorShare } = talkTimeError(engineMs, truthMs);
    talkRows.push({ format: format.name, role, truthMs, engineMs, errorShare, meanAbsShare });
    talkTable.push([
      format.name,
      role.toLowerCase(),
      (truthMs / 1000).toFixed(1),
      (engineMs / 1000).toFixed(1),
      `${errorMs >= 0 ? '+' : ''}${(errorMs / 1000).toFixed(1)}`,
      signedPct(errorShare),
      pct(meanAbsShare),
    ]);
  }
}

const detectionTable = new Table({
  head: ['detection', 'audio', 'truth', 'found', 'matched', 'precision', 'recall'],
  colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
});
const detectionRows: { kind: string; format: string; counts: DetectionCounts }[] = [];
for (const kind of ['non-talk', 'interruptions'] as const) {
  for (const format of FORMATS) {
    const counts = of(format.name, timingModel)
      .map((r) => (kind === 'non-talk' ? r.nonTalk : r.interruptions))
      .reduce(addDetections, NO_DETECTIONS);
    detectionRows.push({ kind, format: format.name, counts });
    const { precision, recall } = precisionRecall(counts);
    detectionTable.push([
      kind,
      format.name,
      counts.truth,
      counts.found,
      counts.matched,
      pct(precision),
      pct(recall),
    ]);
  }
}

const rtfTable = new Table({
  head: [
    'real-time factor',
    'language model',
    'channel s',
    'CPU s ASR',
    'CPU s rest',
    'RTF/core ASR',
    'RTF/core total',
    'on 2 cores',
    'RTF wall',
  ],
  colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
});
const rtfRows: {
  format: string;
  model: string;
  channelSeconds: number;
  cpuAsr: number;
  cpuTotal: number;
  wall: number;
}[] = [];
for (const format of FORMATS) {
  for (const m of models) {
    const rs = of(format.name, m.name);
    const channelSeconds = sum(rs.map((r) => r.durationSeconds * r.channels));
    const cpuAsr = sum(rs.map((r) => r.cpu.asr));
    const cpuTotal = sum(rs.map((r) => r.cpu.total));
    const wall = sum(rs.map((r) => r.wall.total));
    rtfRows.push({ format: format.name, model: m.name, channelSeconds, cpuAsr, cpuTotal, wall });
    rtfTable.push([
      format.name,
      m.name,
      channelSeconds.toFixed(0),
      cpuAsr.toFixed(1),
      (cpuTotal - cpuAsr).toFixed(1),
      (cpuAsr / channelSeconds).toFixed(3),
      (cpuTotal / channelSeconds).toFixed(3),
      (cpuTotal / channelSeconds / 2).toFixed(3),
      (wall / channelSeconds).toFixed(3),
    ]);
  }
}

const overlap = await trainingOverlap(calls.map((c) => c.truth));
const callSeconds = sum(of(FORMATS[0]!.name, timingModel).map((r) => r.durationSeconds));
console.log(
  `${count} generated stereo calls (seeds ${firstSeed}..${firstSeed + count - 1}, ${(callSeconds / 60).toFixed(1)} min, agent on channel ${AGENT_CHANNEL}), ` +
    `each rendered twice (flite voices, telephone band 300-3400 Hz, crosstalk -30 dB, line noise) and run through runEmbeddedEngine; ` +
    `PII redaction off. Agent channel = agent + IVR prompts (what that channel holds).`,
);
console.log(werTable.toString());
console.log(realTable.toString());
console.log(
  `Timing metrics from voice activity (the same with either language model). Non-talk: silences of both parties >= ${NON_TALK_MIN_MS / 1000} s ` +
    '(the engine threshold), paired one-to-one when IoU >= 0.5. Interruptions: a party starting inside the other’s utterance, ' +
    'paired with the engine’s by the same interrupter and start within 1 s.',
);
console.log(talkTable.toString());
console.log(detectionTable.toString());
console.log(rtfTable.toString());
console.log(
  `RTF/core = CPU seconds (this process + decoders) per second of channel audio; "on 2 cores" = that / 2, what two idle cores ` +
    `would take (goal: <= 0.3); RTF wall = wall seconds per channel second here (${processes} decoder(s), load average ` +
    `${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} shared cores: noisy).`,
);
console.log(
  `The calls' script vs the call-center model's training text: ${overlap.seenUtterances}/${overlap.utterances} utterances verbatim, ` +
    `${pct(overlap.seenTrigrams / Math.max(1, overlap.trigrams))} of ${overlap.trigrams} word trigrams seen (the generator cannot write apart from it).`,
);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(
  values.json,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      seeds: [firstSeed, firstSeed + count - 1],
      processes,
      domainModel: { hash: domain.hash, weight: domain.report.domainWeight },
      recognizer: models.map((m) => ({ name: m.name, info: m.recognizer.info })),
      trainingOverlap: overlap,
      wer: werRows,
      real: realRows,
      talkTime: talkRows,
      detection: detectionRows,
      rtf: rtfRows,
      runs,
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${values.json}`);
