import { kebab, QUARANTINE_TASK, TASK_NAMES, type TaskName } from '../workflows/tasks.js';
import type { DeployConfig } from './config.js';

export interface FunctionSpec {
  /** Logical name (SST resource name). */
  name: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Which IAM statements it needs (see infra/iam.ts). */
  access: readonly Access[];
  /** A workflow task (invoked by the state machine) or a function of its own. */
  role: 'task' | 'trigger' | 'scheduled' | 'deploy';
}

export type Access =
  | 'read-inbox'
  | 'read-work'
  | 'write-work'
  | 'delete-work'
  | 'write-results'
  | 'use-enriched-documents'
  | 'store-enriched-documents'
  | 'write-lake'
  | 'write-quarantine'
  | 'start-execution'
  | 'invoke-topics-endpoint'
  | 'invoke-summary-model'
  | 'detect-toxic-content'
  | 'compact-lake'
  | 'read-ani-hash-key'
  | 'read-genesys-client-secret'
  | 'athena-views'
  | 'quicksight-setup'
  | 'send-dead-letter'
  | 'read-transcripts'
  | 'write-transcripts'
  | 'start-transcription'
  | 'get-transcription'
  | 'collect-transcribe-output'
  | 'sync-categories'
  | 'call-leases';

/**
 * The one table of what each workflow task may do. A new task in workflows/tasks.ts does not
 * typecheck until it has a row here; its function, role and policy then follow from it.
 */
export const taskAccess: Record<TaskName, readonly Access[]> = {
  // A PostProcess-only run (--from post-process) starts from the call's stored enriched document,
  // copied to the execution's working document; any other run deletes it before reading inputs.
  ClaimCall: ['read-inbox', 'read-transcripts', 'call-leases', 'use-enriched-documents', 'write-work'],
  InspectAudio: ['read-inbox'],
  StartTranscription: ['read-inbox', 'start-transcription'],
  GetTranscription: ['get-transcription', 'collect-transcribe-output', 'write-transcripts'],
  LoadCall: ['read-inbox', 'read-transcripts', 'write-work'],
  MergeCtr: ['read-inbox', 'read-work', 'write-work', 'read-ani-hash-key', 'read-genesys-client-secret'],
  RedactPii: ['read-work', 'write-work'],
  DetectTopics: ['read-work', 'write-work', 'invoke-topics-endpoint'],
  SummarizeCall: ['read-work', 'write-work', 'invoke-summary-model'],
  DetectToxicity: ['read-work', 'write-work', 'detect-toxic-content'],
  ApplyEnrichment: ['read-work', 'write-work'],
  // Stores the document it is given, before any processor runs (core/enriched-document.ts),
  // and with it the identity of the call's inbox files (their versions: HeadObject).
  PostProcess: ['read-inbox', 'read-work', 'write-work', 'store-enriched-documents'],
  WriteResults: ['read-work', 'write-results', 'write-lake', 'call-leases'],
  // Reads and deletes an unredacted working document left by a call that failed before RedactPii;
  // keeps a copy of every input, the transcript of a call that failed after transcription included.
  QuarantineCall: [
    'read-inbox',
    'read-transcripts',
    'read-work',
    'delete-work',
    'write-quarantine',
    'write-lake',
    'call-leases',
  ],
};

/** Lambda sizes that differ from the default (512 MB, 300 s). */
const taskSize: Partial<Record<TaskName, { memoryMb?: number; timeoutSeconds?: number }>> = {
  WriteResults: { memoryMb: 1024 },
  [QUARANTINE_TASK]: { timeoutSeconds: 60 },
};

/**
 * One Lambda per workflow task (derived from the task list), the drop trigger, nightly
 * compaction, the deploy-time Athena views and, when QuickSight is configured, its set-up.
 */
export const functionSpecs = (config?: Pick<DeployConfig, 'quicksight'>): FunctionSpec[] => [
  ...TASK_NAMES.map(
    (task): FunctionSpec => ({
      name: task,
      handler: `functions/${kebab(task)}.handler`,
      memoryMb: taskSize[task]?.memoryMb ?? 512,
      timeoutSeconds: taskSize[task]?.timeoutSeconds ?? 300,
      access: taskAccess[task],
      role: 'task',
    }),
  ),
  {
    name: 'StartCall',
    handler: 'functions/start-call.handler',
    memoryMb: 256,
    timeoutSeconds: 30,
    // Lambda's on-failure destination for the asynchronous invocations EventBridge makes.
    access: ['start-execution', 'send-dead-letter'],
    role: 'trigger',
  },
  // Nightly: a day's many small objects become one per table (Athena reads far fewer files).
  {
    name: 'CompactLake',
    handler: 'functions/compact-lake.handler',
    memoryMb: 3008,
    timeoutSeconds: 900,
    access: ['compact-lake'],
    role: 'scheduled',
  },
  // Run by the deploy (and again whenever a view's SQL or a table's columns change).
  {
    name: 'CreateViews',
    handler: 'functions/create-views.handler',
    memoryMb: 256,
    timeoutSeconds: 300,
    access: ['athena-views'],
    role: 'deploy',
  },
  // Deploy-time: config/categories.json as Transcribe Call Analytics categories.
  {
    name: 'SyncCategories',
    handler: 'functions/sync-categories.handler',
    memoryMb: 256,
    timeoutSeconds: 120,
    access: ['sync-categories'],
    role: 'deploy',
  },
  ...(config?.quicksight
    ? [
        {
          name: 'SetupQuickSight',
          handler: 'functions/setup-quicksight.handler',
          memoryMb: 256,
          timeoutSeconds: 300,
          access: ['quicksight-setup'],
          role: 'deploy',
        } satisfies FunctionSpec,
      ]
    : []),
];
