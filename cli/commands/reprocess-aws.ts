import { SFNClient } from '@aws-sdk/client-sfn';
import {
  executionConsoleUrl,
  findReprocessStateMachine,
  ReprocessError,
  type ReprocessProgress,
  startReprocess,
  waitForReprocess,
} from '../../adapters/aws/sfn-reprocess.js';
import { REPROCESS_PREFIXES } from '../../core/reprocess-item.js';
import type { ReprocessInput } from '../../workflows/reprocess-definition.js';

export interface ReprocessAwsOptions {
  stage: string;
  region?: string;
  /** Skip the lookup by name. */
  stateMachineArn?: string;
  prefix: string;
  /** YYYY-MM-DD (UTC): only objects last modified on or after that day. */
  since?: string;
  concurrency?: number;
  toleratedFailurePercent?: number;
  name?: string;
  /** `post-process`: PostProcess and WriteResults only, on each call's stored enriched document. */
  from?: 'post-process';
  wait: boolean;
  pollMs?: number;
  now?: () => Date;
}

/** The state machine's input from the options (what the Defaults/Settings states merge). */
export const reprocessInput = (o: ReprocessAwsOptions): ReprocessInput => {
  if (!(REPROCESS_PREFIXES as readonly string[]).some((p) => o.prefix.startsWith(p)))
    throw new ReprocessError(
      `--prefix must start with ${REPROCESS_PREFIXES.join(' or ')} (the reprocess role may list only those)`,
    );
  const since = o.since ? Date.parse(`${o.since}T00:00:00Z`) : null;
  if (since !== null && !Number.isFinite(since)) throw new ReprocessError(`--since ${o.since} is not a date`);
  return {
    prefix: o.prefix,
    ...(since !== null ? { notBeforeEpochSeconds: since / 1000 } : {}),
    ...(o.concurrency ? { maxConcurrency: o.concurrency } : {}),
    ...(o.toleratedFailurePercent !== undefined
      ? { toleratedFailurePercentage: o.toleratedFailurePercent }
      : {}),
    ...(o.from === 'post-process' ? { from: 'PostProcess' as const } : {}),
  };
};

const progressLine = (p: ReprocessProgress): string => {
  const i = p.items;
  if (!i) return `${p.status.toLowerCase()}: listing the bucket`;
  const failed = i.failed + i.timedOut + i.aborted;
  return `${p.status.toLowerCase()}: ${i.succeeded} succeeded, ${failed} failed, ${i.running} running, ${i.pending} pending of ${i.total} objects`;
};

/**
 * `debrief reprocess --aws`: start the stage's reprocess state machine (a Distributed Map over
 * the stored calls), print the execution ARN and its console page; with --wait, follow the map
 * run's item counts until it ends (exit 1 unless it succeeded). Writes on stdout the ARN and the
 * link, progress on stderr.
 */
export const reprocessAwsCommand = async (o: ReprocessAwsOptions): Promise<{ ok: boolean }> => {
  const input = reprocessInput(o);
  const client = new SFNClient(o.region ? { region: o.region } : {});
  const stateMachineArn = o.stateMachineArn ?? (await findReprocessStateMachine(client, o.stage));
  const now = (o.now ?? (() => new Date()))();
  const name =
    o.name ??
    `reprocess-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${Math.random().toString(36).slice(2, 8)}`;
  const { executionArn } = await startReprocess(client, stateMachineArn, name, input);
  process.stdout.write(`${executionArn}\n${executionConsoleUrl(executionArn)}\n`);
  if (!o.wait) return { ok: true };
  let last = '';
  const final = await waitForReprocess(client, executionArn, {
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    onProgress: (p) => {
      const line = progressLine(p);
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    },
  });
  if (final.failure) process.stderr.write(`reprocess ${final.status.toLowerCase()}: ${final.failure}\n`);
  if (final.mapRunArn)
    process.stderr.write(`per-call results: s3://<bucket>/reprocess-results/ (map run ${final.mapRunArn})\n`);
  return { ok: final.status === 'SUCCEEDED' };
};
