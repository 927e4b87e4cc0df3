import type { LineageEntry } from '../../schemas/call-document.js';

/** The seven labels of Comprehend's DetectToxicContent; every result carries all of them. */
export const TOXICITY_LABELS = [
  'GRAPHIC',
  'HARASSMENT_OR_ABUSE',
  'HATE_SPEECH',
  'INSULT',
  'PROFANITY',
  'SEXUAL',
  'VIOLENCE_OR_THREAT',
] as const;
export type ToxicityLabelName = (typeof TOXICITY_LABELS)[number];

/** Comprehend's request shape: ≤ 10 segments, each ≤ 1 KB of UTF-8, ≤ 10 KB in all. */
export interface ToxicityRequest {
  TextSegments: { Text: string }[];
  LanguageCode: 'en';
}

export interface ToxicityResult {
  Toxicity: number;
  Labels: { Name: string; Score: number }[];
}

/** One result per segment, in request order. */
export interface ToxicityResponse {
  ResultList: ToxicityResult[];
}

export interface ToxicityDetector {
  detect(request: ToxicityRequest): Promise<ToxicityResponse>;
  lineage(): LineageEntry;
}
