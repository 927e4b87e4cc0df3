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
}

export interface Summarizer {
  summarize(input: SummaryInput): Promise<CallSummary>;
  lineage(): LineageEntry;
}
