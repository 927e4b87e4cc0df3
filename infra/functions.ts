import { kebab, QUARANTINE_TASK, TASK_NAMES, type TaskName } from '../workflows/tasks.js';

export interface FunctionSpec {
  /** Logical name (SST resource name). */
  name: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Which IAM statements it needs (see infra/iam.ts). */
  access: readonly Access[];
}

export type Access =
  | 'read-inbox'
  | 'read-work'
  | 'write-work'
  | 'write-results'
  | 'write-lake'
  | 'write-quarantine'
  | 'start-execution'
  | 'invoke-topics-endpoint'
  | 'invoke-summary-model'
  | 'detect-toxic-content'
  | 'compact-lake'
  | 'read-transcripts'
  | 'write-transcripts'
  | 'start-transcription'
  | 'get-transcription'
  | 'collect-transcribe-output';

const taskAccess: Record<TaskName, readonly Access[]> = {
  ClaimCall: ['read-inbox', 'read-transcripts'],
  InspectAudio: ['read-inbox'],
  StartTranscription: ['read-inbox', 'start-transcription'],
  GetTranscription: ['get-transcription', 'collect-transcribe-output', 'write-transcripts'],
  LoadCall: ['read-inbox', 'read-transcripts', 'write-work'],
  MergeCtr: ['read-inbox', 'read-work', 'write-work'],
  DetectTopics: ['read-work', 'write-work', 'invoke-topics-endpoint'],
  SummarizeCall: ['read-work', 'write-work', 'invoke-summary-model'],
  DetectToxicity: ['read-work', 'write-work', 'detect-toxic-content'],
  ApplyEnrichment: ['read-work', 'write-work'],
  PostProcess: ['read-work', 'write-work'],
  WriteResults: ['read-work', 'write-results', 'write-lake'],
  QuarantineCall: ['read-inbox', 'write-quarantine', 'write-lake'],
};

/** One Lambda per workflow task (derived from the task list) plus the drop trigger. */
export const functionSpecs = (): FunctionSpec[] => [
  ...TASK_NAMES.map((task) => ({
    name: task,
    handler: `functions/${kebab(task)}.handler`,
    memoryMb: task === 'WriteResults' ? 1024 : 512,
    timeoutSeconds: task === QUARANTINE_TASK ? 60 : 300,
    access: taskAccess[task],
  })),
  {
    name: 'StartCall',
    handler: 'functions/start-call.handler',
    memoryMb: 256,
    timeoutSeconds: 30,
    access: ['start-execution'],
  },
  // Nightly: a day's many small objects become one per table (Athena reads far fewer files).
  {
    name: 'CompactLake',
    handler: 'functions/compact-lake.handler',
    memoryMb: 3008,
    timeoutSeconds: 900,
    access: ['compact-lake'],
  },
];
