import type { TranscriptTurn } from '../../core/pii/index.js';
import type { GeneratedCall } from '../../generator/index.js';
import type { PlantedValue } from './scoring.js';

interface Item {
  Type: 'pronunciation' | 'punctuation';
  Content: string;
  BeginOffsetMillis?: number;
  EndOffsetMillis?: number;
}
interface TcaTurn {
  ParticipantRole: 'AGENT' | 'CUSTOMER';
  BeginOffsetMillis: number;
  Items: Item[];
}

/**
 * A generated call as the redactor sees it (the transcript's turns and words, generated without
 * Transcribe's redaction) and its planted values, located by time in the transcript's words.
 */
export const generatedCase = (call: GeneratedCall): { turns: TranscriptTurn[]; planted: PlantedValue[] } => {
  const file = call.files.find((f) => f.name.endsWith('.tca.json'));
  if (!file) throw new Error(`${call.callId}: no transcript`);
  const tca = JSON.parse(String(file.content)) as { Transcript: TcaTurn[] };
  const turns: TranscriptTurn[] = tca.Transcript.map((t) => ({
    role: t.ParticipantRole,
    words: t.Items.map((i) => ({
      text: i.Content,
      beginMs: i.BeginOffsetMillis ?? t.BeginOffsetMillis,
      endMs: i.EndOffsetMillis ?? t.BeginOffsetMillis,
      punctuation: i.Type === 'punctuation',
    })),
  }));
  const planted: PlantedValue[] = call.truth.pii.map((p) => {
    for (const [turnIndex, turn] of turns.entries()) {
      const words = turn.words
        .map((w, i) => ({ w, i }))
        .filter(({ w }) => !w.punctuation && w.beginMs >= p.beginMs && w.endMs <= p.endMs)
        .map(({ i }) => i);
      if (words.length > 0 && tca.Transcript[turnIndex]!.ParticipantRole === p.channel)
        return { type: p.type, turnIndex, words, text: p.spokenText };
    }
    throw new Error(`${call.callId}: planted ${p.type} "${p.spokenText}" not found in the transcript`);
  });
  return { turns, planted };
};
