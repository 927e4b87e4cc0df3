/**
 * A speech recogniser over voiced segments of one channel. The local transcription engine cuts
 * each channel into segments (voice activity), hands them over in one call and builds turns from
 * the words it gets back. Implementations: pocketsphinx (embedded) and any OpenAI-compatible
 * `/v1/audio/transcriptions` server (adapters/local/speech/recognizers/).
 */
export interface SpeechSegment {
  /** Unique within one call, e.g. "agent-0007". */
  id: string;
  /** Where the segment starts in the recording (ms); returned word times are absolute (this + offset). */
  beginMs: number;
  /** 8000..48000 */
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
  /** Hash of the model files (or of the inputs a model was built from); null when unknown (a remote server). */
  modelHash: string | null;
  /** What a reader of the lineage should know (e.g. the measured error rate). */
  note: string | null;
}

export interface RecognizeOptions {
  /** The job these segments belong to (for logs; a test recogniser looks up its script by it). */
  call?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface SpeechRecognizer {
  readonly info: RecognizerInfo;
  /** Words per segment, in the order given. Must not throw for silent/noisy segments (return []). */
  recognize(segments: readonly SpeechSegment[], options?: RecognizeOptions): Promise<RecognizedWord[][]>;
}
