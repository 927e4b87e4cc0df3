/** Speech to text over voiced segments (pocketsphinx locally, or an OpenAI-compatible server). */
export interface SpeechSegment {
  /** Unique within one call, e.g. "agent-0007". */
  id: string;
  /** Where the segment starts in the recording (ms); returned word times are absolute (this + offset). */
  beginMs: number;
  sampleRate: number;
  /** Mono PCM of the voiced segment only. */
  samples: Int16Array;
}

export interface RecognizedWord {
  text: string;
  beginMs: number;
  endMs: number;
  /** 0..1 */
  confidence: number;
}

export interface RecognizerInfo {
  engine: string;
  version: string;
  model: string;
  modelHash: string | null;
  note: string | null;
}

export interface SpeechRecognizer {
  readonly info: RecognizerInfo;
  /** Words per segment, in the order given. Must not throw for silent/noisy segments (return []). */
  recognize(
    segments: readonly SpeechSegment[],
    options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<RecognizedWord[][]>;
}
