import type { PiiMode } from '../../schemas/call-document.js';
import type { Enrichers } from '../enrich/enrichers.js';
import type { TopicCorrection } from '../enrich/topic-correction.js';
import type { FileNameStartSettings } from '../file-name-start.js';
import type { AgentDirectory } from '../ports/agent-directory.js';
import type { Lake } from '../ports/lake.js';
import type { ObjectStoreWithHead } from '../ports/object-store.js';
import type { QueueDirectory } from '../ports/queue-directory.js';
import type { RecordingFingerprinter } from '../ports/recording-fingerprinter.js';
import type { Transcriber } from '../ports/transcriber.js';
import type { PostProcessor } from '../post-processor.js';
import type { TranscriptionTiming } from '../transcription/transcription-plan.js';

/** Everything a step may touch, passed in: local adapters in local mode, AWS ones in Lambda. */
export interface StepDeps {
  store: ObjectStoreWithHead;
  lake: Lake;
  /** ISO-8601 "now" (injected so tests and re-runs are reproducible). */
  now: () => string;
  /** Where per-call working documents and quarantine reports live in the store. */
  prefixes: { work: string; results: string; quarantine: string };
  postProcessors: readonly PostProcessor[];
  /**
   * How long a post-processor's synchronous work may run before it is stopped (ms): locally the
   * step timeout, so a processor that never returns (a loop, a runaway regular expression), which
   * no timer can interrupt, quarantines its call naming it instead of hanging the run. Absent: no
   * limit of its own (on AWS the Lambda's timeout ends it).
   */
  postProcessTimeoutMs?: number;
  /**
   * Keyed hash secret for personal identifiers (ANI). Read when first needed: on AWS only the
   * MergeCtr function may read the secret.
   */
  aniHashKey: () => Promise<string>;
  /** How RedactPii redacts transcripts and AI output (configuration: `default`, `strict` or `off`). */
  piiMode: PiiMode;
  /** Created on first use (a local classifier trains at start-up; AWS clients connect lazily). */
  enrichers: () => Promise<Enrichers>;
  /**
   * An analyst's topic for the call (`debrief topics correct`), read once per run by LoadCall into
   * the call document (`topicCorrection`), so a correction applies from the call's next run and
   * DetectTopics and SummarizeCall always apply the same one. Local only (the corrections live in
   * the home); absent on AWS.
   */
  topicCorrection?: (callId: string) => Promise<TopicCorrection | null>;
  /**
   * The sha256 of the topic model the run's topic engine uses (the active one, or --topic-model),
   * null when it uses none from a file: a `--from post-process` run compares it with the stored
   * document's topics lineage and runs the call in full when another model is active. Local only;
   * absent on AWS (and with engines given by a test or caller), where it is not compared.
   */
  topicModelHash?: () => Promise<string | null>;
  /** Transcribe on AWS, the embedded speech engine locally (created on first use). */
  transcriber: () => Promise<Transcriber>;
  transcriptionTiming: TranscriptionTiming;
  /**
   * The transcriber's settings that make another transcript of the same recording, when they
   * are not the defaults (locally `agent-channel-0`: the agent on the left channel): part of the
   * job name, so a call run again with them is transcribed again (`debrief run --agent-channel 0
   * --reprocess` after the swapped-channel warning), not read from the transcript made without.
   * Absent on AWS, where reprocessing never transcribes: a changed DEBRIEF_AGENT_CHANNEL applies to
   * recordings dropped after it.
   */
  transcriptionVariant?: string;
  /**
   * Set on AWS: ClaimCall claims each recording's content for its call and quarantines a copy of
   * another call's recording before it is transcribed (core/recording-claims.ts). Locally absent:
   * `debrief run` checks copies when it reads the drop (ReadInputs), with the runs it knows.
   */
  recordings?: RecordingFingerprinter;
  /**
   * When the results the lake shows for the call landed (null: it shows none: never landed,
   * quarantined, forgotten), so QuarantineCall can tell a rejected drop (core/call-lease.ts
   * rejectsDrop). Locally the execution ledger's latest record (`debrief run` writes no done
   * record); absent (AWS): the call's done record.
   */
  landedResults?: (callId: string) => Promise<string | null>;
  /** Names for agents the Genesys record leaves unnamed (users export, users API); none: ids only. */
  agentDirectory?: AgentDirectory;
  /** Names for the queues the Genesys record names only by id (queues export, routing API); none: ids only. */
  queueDirectory?: QueueDirectory;
  /**
   * How LoadCall reads a start from a WAV's bext chunk or the file name when neither CTR nor
   * recording metadata gives one (core/file-name-start.ts; default: its patterns, times without a
   * zone read as UTC).
   */
  fileNameStart?: FileNameStartSettings;
}
