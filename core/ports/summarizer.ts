import type { CallSummary, LineageEntry, TurnRole } from '../../schemas/call-document.js';

export interface SummaryTurn {
  role: TurnRole;
  text: string;
}

export interface SummaryInput {
  callId: string;
  language: string;
  /** Customer and agent speech in call order (IVR prompts are left out by the caller). */
  turns: SummaryTurn[];
  /**
   * An analyst's topic for the call (`debrief topics correct`; null: about none of the topics):
   * an engine that names the request with a topic uses it instead of its own reading. Absent: none given.
   */
  topic?: string | null;
  /**
   * How the turns' roles were told apart: absent or `channel` (a stereo recording, one party a
   * channel), `speaker-diarization` (a mono recording split by voice: no customer speech means
   * one voice only was heard, not a silent channel).
   */
  roleSource?: 'channel' | 'speaker-diarization';
}

export interface Summarizer {
  summarize(input: SummaryInput): Promise<CallSummary>;
  lineage(): LineageEntry;
}
