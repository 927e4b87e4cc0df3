import {
  ConflictException,
  GetCallAnalyticsJobCommand,
  type GetCallAnalyticsJobCommandInput,
  LimitExceededException,
  NotFoundException,
  StartCallAnalyticsJobCommand,
  type StartCallAnalyticsJobCommandInput,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import type { MemoryObjectStore } from './memory-store.js';

/**
 * Amazon Transcribe Call Analytics as the workflow meets it under load, behind the real SDK
 * client: at most `concurrency` jobs run at once; with a data-access role, further jobs wait
 * in a queue of at most `queueLimit`; StartCallAnalyticsJob and GetCallAnalyticsJob are rate
 * limited (requests per second, sliding one-second window). Past any limit the service answers
 * LimitExceededException, as Transcribe does. Time is the injected clock.
 * A finished job writes a small Call Analytics document where Transcribe would.
 */
/** A Call Analytics transcript turn: one word every 300 ms, each 250 ms long. */
export const transcribeTurn = (
  role: string,
  begin: number,
  content: string,
  { lengthMs, confidence }: { lengthMs: number; confidence: number },
) => ({
  ParticipantRole: role,
  Content: content,
  BeginOffsetMillis: begin,
  EndOffsetMillis: begin + lengthMs,
  Items: content.split(' ').map((w, i) => ({
    Type: 'pronunciation',
    Content: w,
    BeginOffsetMillis: begin + i * 300,
    EndOffsetMillis: begin + i * 300 + 250,
    Confidence: confidence,
  })),
});

export interface ServiceLimits {
  concurrency: number;
  queueLimit: number;
  startsPerSecond: number;
  getsPerSecond: number;
  /** How long a job runs once it leaves the queue (ms). */
  runMs: (jobName: string) => number;
}

/** Transcribe's documented defaults (formats.md): 100 concurrent jobs, Start 10 TPS, Get 20 TPS. */
export const TRANSCRIBE_DEFAULTS: Omit<ServiceLimits, 'runMs' | 'queueLimit'> = {
  concurrency: 100,
  startsPerSecond: 10,
  getsPerSecond: 20,
};

interface Job {
  name: string;
  outputPrefix: string;
  status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED';
  createdAt: number;
  startedAt: number | null;
  endsAt: number | null;
}

export interface ServiceStats {
  accepted: number;
  startsThrottled: number;
  startsRefusedFull: number;
  getsThrottled: number;
  conflicts: number;
  maxRunning: number;
  maxQueued: number;
  completed: number;
  /** Start requests per job name that created a job (must all be 1). */
  jobsCreatedPerName: Map<string, number>;
}

export class SimulatedTranscribe {
  readonly client = new TranscribeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  });
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  /** Jobs in progress (at most `concurrency`): the only ones `advance` has to look at. */
  private readonly active = new Set<Job>();
  private running = 0;
  private readonly starts: number[] = [];
  private readonly gets: number[] = [];
  readonly stats: ServiceStats = {
    accepted: 0,
    startsThrottled: 0,
    startsRefusedFull: 0,
    getsThrottled: 0,
    conflicts: 0,
    maxRunning: 0,
    maxQueued: 0,
    completed: 0,
    jobsCreatedPerName: new Map(),
  };

  constructor(
    private readonly store: MemoryObjectStore,
    private readonly bucket: string,
    private readonly limits: ServiceLimits,
    private readonly clock: () => number = Date.now,
  ) {
    const mock = mockClient(this.client);
    mock
      .on(StartCallAnalyticsJobCommand)
      .callsFake((input: StartCallAnalyticsJobCommandInput) => this.start(input));
    mock
      .on(GetCallAnalyticsJobCommand)
      .callsFake((input: GetCallAnalyticsJobCommandInput) => this.get(input));
  }

  private rateLimited(window: number[], perSecond: number): boolean {
    const now = this.clock();
    while (window.length > 0 && window[0]! <= now - 1000) window.shift();
    if (window.length >= perSecond) return true;
    window.push(now);
    return false;
  }

  /** Finish jobs whose time has come and move queued ones into the freed slots, in order. */
  private async advance(): Promise<void> {
    const now = this.clock();
    for (;;) {
      let next: Job | undefined;
      for (const j of this.active) if (j.endsAt! <= now && (!next || j.endsAt! < next.endsAt!)) next = j;
      if (!next) break;
      next.status = 'COMPLETED';
      this.active.delete(next);
      this.running -= 1;
      this.stats.completed += 1;
      await this.writeOutput(next);
      const queued = this.queue.shift();
      if (queued) this.run(queued, next.endsAt!);
    }
  }

  private run(job: Job, at: number): void {
    job.status = 'IN_PROGRESS';
    job.startedAt = at;
    job.endsAt = at + this.limits.runMs(job.name);
    this.active.add(job);
    this.running += 1;
    this.stats.maxRunning = Math.max(this.stats.maxRunning, this.running);
  }

  private async start(input: StartCallAnalyticsJobCommandInput) {
    await this.advance();
    const name = input.CallAnalyticsJobName!;
    if (this.rateLimited(this.starts, this.limits.startsPerSecond)) {
      this.stats.startsThrottled += 1;
      throw new LimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    }
    if (this.jobs.has(name)) {
      this.stats.conflicts += 1;
      throw new ConflictException({
        message: 'The requested job name already exists.',
        $metadata: { httpStatusCode: 409 },
      });
    }
    if (this.running >= this.limits.concurrency && this.queue.length >= this.limits.queueLimit) {
      this.stats.startsRefusedFull += 1;
      throw new LimitExceededException({
        message: 'You have exceeded the maximum number of queued jobs.',
        $metadata: { httpStatusCode: 400 },
      });
    }
    const outputPrefix = input.OutputLocation!.replace(`s3://${this.bucket}/`, '');
    const job: Job = {
      name,
      outputPrefix,
      status: 'QUEUED',
      createdAt: this.clock(),
      startedAt: null,
      endsAt: null,
    };
    this.jobs.set(name, job);
    this.stats.accepted += 1;
    this.stats.jobsCreatedPerName.set(name, (this.stats.jobsCreatedPerName.get(name) ?? 0) + 1);
    if (this.running < this.limits.concurrency) this.run(job, this.clock());
    else this.queue.push(job);
    this.stats.maxQueued = Math.max(this.stats.maxQueued, this.queue.length);
    return { CallAnalyticsJob: { CallAnalyticsJobName: name, CallAnalyticsJobStatus: job.status } };
  }

  private async get(input: GetCallAnalyticsJobCommandInput) {
    if (this.rateLimited(this.gets, this.limits.getsPerSecond)) {
      this.stats.getsThrottled += 1;
      throw new LimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    }
    await this.advance();
    const job = this.jobs.get(input.CallAnalyticsJobName!);
    if (!job)
      throw new NotFoundException({
        message: "The requested job couldn't be found.",
        $metadata: { httpStatusCode: 400 },
      });
    const uri = (key: string) => `https://s3.us-east-1.amazonaws.com/${this.bucket}/${key}`;
    return {
      CallAnalyticsJob: {
        CallAnalyticsJobName: job.name,
        CallAnalyticsJobStatus: job.status,
        ...(job.status === 'COMPLETED'
          ? {
              Transcript: {
                RedactedTranscriptFileUri: uri(`${job.outputPrefix}redacted-analytics/${job.name}.json`),
              },
            }
          : {}),
      },
    };
  }

  private async writeOutput(job: Job): Promise<void> {
    const turn = (role: string, begin: number, content: string) =>
      transcribeTurn(role, begin, content, { lengthMs: 1500, confidence: 0.99 });
    await this.store.put(
      `${job.outputPrefix}redacted-analytics/${job.name}.json`,
      JSON.stringify({
        JobName: job.name,
        JobStatus: 'COMPLETED',
        LanguageCode: 'en-US',
        Channel: 'VOICE',
        ContentMetadata: { Output: 'Redacted', RedactionTypes: ['PII'] },
        Transcript: [
          turn('AGENT', 0, 'thank you for calling'),
          turn('CUSTOMER', 2000, 'I want to check my bill'),
        ],
      }),
    );
  }
}
