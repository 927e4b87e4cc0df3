import type { TranscriptTurn } from '../../schemas/transcribe-call-analytics.js';

/**
 * Whether a Call Analytics transcript's two roles repeat each other word for word at the same
 * moments: what Transcribe writes for a stereo recording whose two channels carry the same audio
 * (a mono recording saved as two channels, or stereo Opus encoded below about 24 kbit/s). Such a
 * transcript has every word twice, once as the agent's and once as the customer's; landed, its
 * talk times, sentiment per role and agent attribution would all be wrong.
 *
 * A word counts as repeated when a turn of the other role overlapping its turn (within
 * SLACK_MS) holds the same word. Both roles must repeat each other (echo of one party on the
 * other's channel makes one side repeat the other, never both) and both must say enough words
 * for the shares to mean something.
 */
export interface RepeatedChannels {
  /** Share of the agent's words heard at the same moment on the customer's channel. */
  agentShare: number;
  /** Share of the customer's words heard at the same moment on the agent's channel. */
  customerShare: number;
}

const SLACK_MS = 500;
const MIN_WORDS = 20;
const MIN_SHARE = 0.8;

interface Turn {
  beginMs: number;
  endMs: number;
  content: string;
  /** Tokenised when first needed: most calls are ruled out after their first few turns. */
  words?: string[];
}

const wordsOf = (content: string): string[] =>
  content
    .toLowerCase()
    .split(/[^\p{L}\p{N}'[\]]+/u)
    .filter((w) => w.length > 0);

const words = (turn: Turn): string[] => {
  turn.words ??= wordsOf(turn.content);
  return turn.words;
};

const turnsOf = (turns: readonly TranscriptTurn[], role: TranscriptTurn['ParticipantRole']): Turn[] =>
  turns
    .filter((t) => t.ParticipantRole === role)
    .map((t): Turn => ({ beginMs: t.BeginOffsetMillis, endMs: t.EndOffsetMillis, content: t.Content }))
    .sort((a, b) => a.beginMs - b.beginMs);

/** Share of `mine`'s words that a time-overlapping turn of `theirs` also holds. */
const repeatedShare = (mine: readonly Turn[], theirs: readonly Turn[]): { share: number; words: number } => {
  let total = 0;
  let repeated = 0;
  let first = 0;
  for (const turn of mine) {
    const said = words(turn);
    total += said.length;
    // Turns of one role follow each other: those ending before this one begins are behind us.
    while (first < theirs.length && theirs[first]!.endMs + SLACK_MS < turn.beginMs) first++;
    const heard = new Map<string, number>();
    for (let j = first; j < theirs.length && theirs[j]!.beginMs <= turn.endMs + SLACK_MS; j++)
      for (const w of words(theirs[j]!)) heard.set(w, (heard.get(w) ?? 0) + 1);
    for (const w of said) {
      const left = heard.get(w) ?? 0;
      if (left > 0) {
        repeated++;
        heard.set(w, left - 1);
      }
    }
    // Under half repeated after enough words: a two-party call, whatever follows.
    if (total >= 2 * MIN_WORDS && repeated < total / 2) break;
  }
  return { share: total === 0 ? 0 : repeated / total, words: total };
};

export const repeatedChannels = (turns: readonly TranscriptTurn[]): RepeatedChannels | null => {
  const agent = turnsOf(turns, 'AGENT');
  const customer = turnsOf(turns, 'CUSTOMER');
  if (agent.length === 0 || customer.length === 0) return null;
  const a = repeatedShare(agent, customer);
  if (a.words < MIN_WORDS || a.share < MIN_SHARE) return null;
  const c = repeatedShare(customer, agent);
  if (c.words < MIN_WORDS || c.share < MIN_SHARE) return null;
  return { agentShare: a.share, customerShare: c.share };
};
