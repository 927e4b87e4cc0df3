import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { listEach, listObjects, reprocessBucketOf } from '../../adapters/aws/reprocess-preflight.js';
import {
  executionConsoleUrl,
  findReprocessStateMachine,
  ReprocessError,
  type ReprocessProgress,
  startReprocess,
  waitForReprocess,
} from '../../adapters/aws/sfn-reprocess.js';
import { enrichedPrefixOf } from '../../core/enriched-document.js';
import { DebriefError } from '../../core/errors.js';
import { INBOX_PREFIX, REPROCESS_PREFIXES } from '../../core/reprocess-item.js';
import {
  describeFromPostProcessPlan,
  describeFullRunPlan,
  dollars,
  type FromPostProcessPlan,
  FromPostProcessPlanner,
  FULL_RUN_USD_PER_CALL,
} from '../../core/reprocess-plan.js';
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
  /** With --from post-process: start it although some calls would run in full (all AI services). */
  allowFullRuns?: boolean;
  /** List the calls (and with --from, the stored enriched documents), print the counts, start nothing. */
  dryRun?: boolean;
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

/** The results prefix on AWS (functions/aws-deps.ts): enriched documents are under results/enriched/. */
const RESULTS_PREFIX = 'results';

/**
 * `--from post-process` would run some calls in full (no stored enriched document they can use)
 * and --allow-full-runs was not given: nothing was started.
 */
export class FullRunsNotAllowedError extends DebriefError {
  override name = 'FullRunsNotAllowedError' as const;
  constructor(readonly plan: FromPostProcessPlan) {
    super(
      `${plan.full} of ${plan.calls} call(s) would run in full, not from PostProcess (${plan.noDocument} with no stored enriched document, ${plan.changedSince} whose inbox files changed since it was stored: about ${dollars(plan.full * FULL_RUN_USD_PER_CALL)} of Comprehend, Bedrock and SageMaker again), so nothing was started: pass --allow-full-runs to run them in full, or --dry-run to see the counts`,
    );
  }
}

/**
 * Up to this many listed calls, the pre-flight asks for each call's enriched document and inbox
 * files by its own prefix (one ListObjectsV2 each); above, it lists `results/enriched/` and
 * `inbox/` whole (fewer requests than one per call).
 */
export const PER_CALL_LOOKUPS_UP_TO = 1000;

/**
 * The pre-flight: list what the state machine will list (`--prefix`), and with --from post-process
 * the listed calls' stored enriched documents (results/enriched/) and inbox files, against each
 * other. A listing under `inbox/` holds the inbox files of each call it lists when it covers
 * `inbox/<stem>.` (what ClaimCall lists); for a few calls each is asked for by its key, for many
 * `results/enriched/` and `inbox/` are listed whole.
 */
const planOf = async (
  sfn: SFNClient,
  stateMachineArn: string,
  o: ReprocessAwsOptions,
  input: ReprocessInput,
): Promise<FromPostProcessPlan> => {
  const bucket = await reprocessBucketOf(sfn, stateMachineArn);
  const s3 = new S3Client({ region: o.region ?? stateMachineArn.split(':')[3] });
  const prefix = input.prefix ?? INBOX_PREFIX;
  const enrichedPrefix = enrichedPrefixOf(RESULTS_PREFIX);
  const fromPostProcess = o.from === 'post-process';
  const planner = new FromPostProcessPlanner({
    enrichedPrefix,
    notBeforeEpochSeconds: input.notBeforeEpochSeconds,
  });
  const underInbox = prefix.startsWith(INBOX_PREFIX);
  await listObjects(s3, bucket, prefix, (object) => {
    if (fromPostProcess && underInbox) planner.listedInbox(object);
    else planner.listed(object);
  });
  if (!fromPostProcess) return planner.plan();
  const calls = planner.listedCalls();
  // the listing held `inbox/<stem>.` whole when the prefix is no longer than it
  const uncovered = calls.filter((c) => !(underInbox && `${INBOX_PREFIX}${c}.`.startsWith(prefix)));
  if (calls.length <= PER_CALL_LOOKUPS_UP_TO) {
    // Each call's enriched document, by its exact key as Prefix (one key at most: the planner
    // takes it only if it is a listed call's key), then the uncovered calls' inbox files: 16 at
    // once, given to the planner in this order once all are in.
    const found = await listEach(s3, bucket, [
      ...calls.map((callId) => ({ prefix: planner.enrichedKeyOf(callId), maxKeys: 1 })),
      ...uncovered.map((callId) => ({ prefix: `${INBOX_PREFIX}${callId}.` })),
    ]);
    for (const [i, objects] of found.entries())
      for (const object of objects) {
        if (i < calls.length) planner.enriched(object);
        else planner.inbox(object);
      }
  } else {
    await listObjects(s3, bucket, `${enrichedPrefix}/`, (object) => planner.enriched(object));
    if (uncovered.length > 0) await listObjects(s3, bucket, INBOX_PREFIX, (object) => planner.inbox(object));
  }
  return planner.plan();
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
  if (o.allowFullRuns && o.from !== 'post-process')
    throw new ReprocessError(
      '--allow-full-runs goes with --from post-process (without --from every call runs in full anyway)',
    );
  const client = new SFNClient(o.region ? { region: o.region } : {});
  const stateMachineArn = o.stateMachineArn ?? (await findReprocessStateMachine(client, o.stage));
  if (o.from === 'post-process' || o.dryRun) {
    const plan = await planOf(client, stateMachineArn, o, input);
    const text =
      o.from === 'post-process' ? describeFromPostProcessPlan(plan) : describeFullRunPlan(plan.calls);
    if (o.dryRun) {
      process.stdout.write(`${text}dry run: nothing started\n`);
      return { ok: true };
    }
    process.stderr.write(text);
    if (plan.full > 0 && !o.allowFullRuns) throw new FullRunsNotAllowedError(plan);
  }
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
