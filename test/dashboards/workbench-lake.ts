import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDrop } from '../../cli/commands/run.js';
import { generateCall, genesysQueuesExport, QUEUES_EXPORT_FILE, Topic } from '../../generator/index.js';
import { stableId } from '../../generator/stable-id.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

export const XSS_CALL = 'call-xss';
export const XSS_TEXT = `I typed <script>alert('pwned')</script> & "<b>bold</b>" into your form`;
export const AUDIO_CALL = 'call-audio';

/** A 16-bit mono PCM WAV of `seconds` of a quiet ramp (content does not matter, bytes do). */
/**
 * How long the audio call's recording is: at least half its transcript (a transcript more than twice
 * as long as the recording beside it is another call's, and quarantines the call: f9de15b).
 */
export const AUDIO_CALL_SECONDS = 170;

export const tinyWav = (seconds = 1, rate = 8000): Buffer => {
  const data = Buffer.alloc(seconds * rate * 2);
  for (let i = 0; i < data.length / 2; i += 1) data.writeInt16LE((i % 200) - 100, i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
};

const DAYS = ['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09'];

/** A queue the drop's queues export leaves out (deleted since): its calls show its id. */
export const UNNAMED_QUEUE = 'Fraud';
export const queueIdOf = (name: string): string => stableId('queue', name);

/**
 * A generated drop: `count` calls over four days with every topic, one whose transcript holds
 * markup and a script tag, one unredacted call that comes with its recording, and the queues
 * export naming every queue but UNNAMED_QUEUE.
 */
export const writeWorkbenchDrop = (dir: string, count: number): void => {
  mkdirSync(dir, { recursive: true });
  const queues = genesysQueuesExport() as { entities: { name: string }[] };
  writeFileSync(
    join(dir, QUEUES_EXPORT_FILE),
    JSON.stringify({ ...queues, entities: queues.entities.filter((q) => q.name !== UNNAMED_QUEUE) }),
  );
  const topics = Topic.options;
  for (let i = 0; i < count; i += 1) {
    const call = generateCall({
      seed: 1000 + i,
      callId: `call-${String(i + 1).padStart(3, '0')}`,
      topic: topics[i % topics.length],
      // Each run of ten calls (one per topic) starts a day later than the one before: 28 calls give
      // 28 distinct (day, topic) pairs, so the daily topic mix is a long table whatever few topics
      // the model gets wrong (with i % 4 alone there were 20, and one wrong answer let it fit its card).
      startDate: DAYS[(i + Math.floor(i / topics.length)) % DAYS.length],
      toxic: i % 4 === 1,
    });
    for (const f of call.files) writeFileSync(join(dir, f.name), f.content);
  }
  const xss = generateCall({
    seed: 77,
    callId: XSS_CALL,
    topic: 'billing',
    startDate: DAYS[0],
    ctr: 'present',
  });
  for (const f of xss.files) {
    if (!f.name.endsWith('.tca.json')) {
      writeFileSync(join(dir, f.name), f.content);
      continue;
    }
    const tca = JSON.parse(String(f.content)) as {
      Transcript: {
        ParticipantRole: string;
        Content: string;
        BeginOffsetMillis: number;
        Items: { Type: string; Content: string; BeginOffsetMillis: number; EndOffsetMillis: number }[];
      }[];
    };
    const turn = tca.Transcript.find((t) => t.ParticipantRole === 'CUSTOMER')!;
    turn.Content = XSS_TEXT;
    // The words too: RedactPii rebuilds each turn's text from its words.
    turn.Items = XSS_TEXT.split(' ').map((w, i) => ({
      Type: 'pronunciation',
      Content: w,
      BeginOffsetMillis: turn.BeginOffsetMillis + i * 300,
      EndOffsetMillis: turn.BeginOffsetMillis + i * 300 + 250,
    }));
    writeFileSync(join(dir, f.name), JSON.stringify(tca));
  }
  const audio = generateCall({
    seed: 78,
    callId: AUDIO_CALL,
    topic: 'payments',
    startDate: DAYS[1],
    redact: false,
  });
  for (const f of audio.files) writeFileSync(join(dir, f.name), f.content);
  writeFileSync(join(dir, `${AUDIO_CALL}.wav`), tinyWav(AUDIO_CALL_SECONDS));
};

/** Runs a drop into a new home; returns the home. */
export const runInto = async (drop: string, label: string, piiMode: PiiMode = 'default'): Promise<string> => {
  const home = tempDir(label);
  await runDrop({ dir: drop, home, out: quiet, err: quiet, piiMode });
  return home;
};

/** A drop holding only the given calls' files (copied from another drop), and its directory exports. */
export const subsetDrop = (drop: string, callIds: readonly string[]): string => {
  const dir = tempDir('subset-drop');
  for (const name of readdirSync(drop)) {
    if (callIds.some((id) => name.startsWith(`${id}.`)) || /^genesys-(users|queues)\.(json|csv)$/.test(name))
      cpSync(join(drop, name), join(dir, name));
  }
  return dir;
};
