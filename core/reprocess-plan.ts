import { classifyDropFile } from './drop.js';
import { objectName } from './object-names.js';
import { INBOX_PREFIX, transcribedCallId } from './reprocess-item.js';

/** One object of a bucket listing (ListObjectsV2's Key and LastModified). */
export interface ListedObject {
  key: string;
  lastModified: Date | null;
}

/**
 * Planning figures per call of a reprocess (README, "Reprocessing on AWS", cost per million
 * calls): in full, Comprehend $5,100 + Bedrock $222 + the post-call execution's Step Functions
 * $300 + the map run's children $225 + Lambda $185 = $6,032 per million calls (S3, KMS, CloudWatch
 * and a SageMaker endpoint's hours on top); PostProcess and WriteResults only, Step Functions $100
 * + Lambda $67 + the map run's $225 = $392 per million.
 */
export const FULL_RUN_USD_PER_CALL = 6032 / 1_000_000;
export const POST_PROCESS_RUN_USD_PER_CALL = 392 / 1_000_000;

export interface FromPostProcessPlan {
  /** Distinct calls the listing would run (one transcript or recording each, after --since). */
  calls: number;
  /** Calls with a stored enriched document no newer inbox file of theirs contradicts. */
  postProcessOnly: number;
  /** Calls that would run the whole workflow: none stored, or an inbox file changed since. */
  full: number;
  /** Of `full`: those with no document stored, and those whose inbox files changed since it was. */
  noDocument: number;
  changedSince: number;
  /** Up to 5 of the calls that would run in full, to name them. */
  fullExamples: string[];
}

/**
 * What `debrief reprocess --aws --from post-process` would do, from three listings fed to it object
 * by object (a year of calls is millions of objects: only a few numbers per call are kept): the
 * one the state machine makes (`listed`), `results/enriched/` and `inbox/`. A call is one the map
 * would run: a transcript or recording in `inbox/` (by stem) or a transcript in
 * `transcripts/<call>/`, not last modified before `notBeforeEpochSeconds`. It reruns its
 * post-processors only when its enriched document is stored and none of its inbox files was
 * written after it (ClaimCall compares the inbox files' ETags with those the document was made
 * from: a file written since is another version). An estimate: a recording never transcribed is
 * counted in full although it runs nothing; and the count in full is a lower bound, since a
 * listing tells when files were written, not which ones the document was made from (its `inputs`
 * hash is inside it: a GetObject per call): an inbox file removed since the document was stored,
 * or one that landed while PostProcess stored it (between its HeadObject and its PUT), changes
 * ClaimCall's inputs unseen (LOWER_BOUND_NOTE).
 */
export class FromPostProcessPlanner {
  /** The listed calls only (by call id): whether their document is stored, and when their inbox files were last written. */
  private readonly calls = new Map<string, { stored: number | null; inboxWritten: number }>();
  /** The listed calls' enriched document keys, to the call. */
  private readonly byEnrichedKey = new Map<string, string>();
  /** The inbox files of the group (`inbox/<stem>.`) the listing is in: S3 lists a group's keys together. */
  private group: { stem: string; written: number } | null = null;

  constructor(private readonly o: { enrichedPrefix: string; notBeforeEpochSeconds?: number | undefined }) {}

  /** An object of the listing the map makes. Call it first: what the others feed is kept for listed calls only. */
  listed(o: ListedObject): void {
    const notBefore = this.o.notBeforeEpochSeconds;
    if (notBefore !== undefined && o.lastModified && o.lastModified.getTime() / 1000 < notBefore) return;
    const transcribed = transcribedCallId(o.key);
    if (transcribed !== null) {
      this.add(transcribed);
      return;
    }
    const hit = o.key.startsWith(INBOX_PREFIX) ? classifyDropFile(o.key) : null;
    if (hit && (hit.kind === 'transcript' || hit.kind === 'audio')) this.add(hit.stem);
  }

  /**
   * An object of a listing under `inbox/` that is both the map's listing and the calls' inbox
   * files: a call's files (`inbox/<stem>.`) are listed together, so one group's times are held until
   * the next group begins, whichever of its files makes it a listed call.
   */
  listedInbox(o: ListedObject): void {
    this.listed(o);
    const stem = inboxStemOf(o.key);
    if (stem === null) return;
    if (this.group?.stem !== stem) this.group = { stem, written: 0 };
    this.group.written = Math.max(this.group.written, writtenAt(o));
    const call = this.calls.get(stem);
    if (call) call.inboxWritten = Math.max(call.inboxWritten, this.group.written);
  }

  /** The listed calls (their ids). */
  listedCalls(): string[] {
    return [...this.calls.keys()];
  }

  /** A listed call's enriched document key. */
  enrichedKeyOf(callId: string): string {
    return `${this.o.enrichedPrefix}/${objectName(callId)}.json`;
  }

  /** An object of `results/enriched/` (that of a call not listed is not kept). */
  enriched(o: ListedObject): void {
    const callId = this.byEnrichedKey.get(o.key);
    const call = callId === undefined ? undefined : this.calls.get(callId);
    if (call) call.stored = o.lastModified?.getTime() ?? 0;
  }

  /**
   * An object of `inbox/` (every file of a call counts: a CTR written since changes its inputs).
   * Only `inbox/<stem>.` files are the call's, as ClaimCall finds them; those of calls not listed
   * are not kept.
   */
  inbox(o: ListedObject): void {
    const stem = inboxStemOf(o.key);
    const call = stem === null ? undefined : this.calls.get(stem);
    if (call) call.inboxWritten = Math.max(call.inboxWritten, writtenAt(o));
  }

  plan(): FromPostProcessPlan {
    let noDocument = 0;
    let changedSince = 0;
    const fullExamples: string[] = [];
    for (const callId of [...this.calls.keys()].sort()) {
      const { stored: at, inboxWritten } = this.calls.get(callId) ?? { stored: null, inboxWritten: 0 };
      const changed = at !== null && inboxWritten > at;
      if (at !== null && !changed) continue;
      if (at === null) noDocument++;
      else changedSince++;
      if (fullExamples.length < 5) fullExamples.push(callId);
    }
    const full = noDocument + changedSince;
    const calls = this.calls.size;
    return { calls, postProcessOnly: calls - full, full, noDocument, changedSince, fullExamples };
  }

  private add(callId: string): void {
    if (this.calls.has(callId)) return;
    this.calls.set(callId, { stored: null, inboxWritten: 0 });
    this.byEnrichedKey.set(this.enrichedKeyOf(callId), callId);
  }
}

/** The call whose inbox file a key is (`inbox/<stem>.…`, ClaimCall's rule), or null. */
export const inboxStemOf = (key: string): string | null => {
  const hit = key.startsWith(INBOX_PREFIX) ? classifyDropFile(key) : null;
  return hit && key.startsWith(`${INBOX_PREFIX}${hit.stem}.`) ? hit.stem : null;
};

const writtenAt = (o: ListedObject): number => o.lastModified?.getTime() ?? Number.POSITIVE_INFINITY;

/** The planner over listings at hand. */
export const planFromPostProcess = (listings: {
  listed: readonly ListedObject[];
  enriched: readonly ListedObject[];
  inbox: readonly ListedObject[];
  enrichedPrefix: string;
  notBeforeEpochSeconds?: number;
}): FromPostProcessPlan => {
  const planner = new FromPostProcessPlanner(listings);
  for (const o of listings.listed) planner.listed(o);
  for (const o of listings.enriched) planner.enriched(o);
  for (const o of listings.inbox) planner.inbox(o);
  return planner.plan();
};

/** A cost as the pre-flight prints it: `$6,032` from $100 up, `$0.39` below. */
export const dollars = (usd: number): string =>
  usd >= 100 ? `$${Math.round(usd).toLocaleString('en-US')}` : `$${usd.toFixed(2)}`;

/** The plan without --from: every listed call runs in full. */
export const describeFullRunPlan = (calls: number): string =>
  `${calls} call(s) to reprocess, all in full (about ${dollars(calls * FULL_RUN_USD_PER_CALL)}: Comprehend, Bedrock, SageMaker; README, Reprocessing on AWS)\n`;

/**
 * Why the count in full is a lower bound: listings show when files were written, not which ones a
 * document was made from (its `inputs` is a hash inside it, read only by a GetObject per call).
 */
export const LOWER_BOUND_NOTE =
  'the count in full is a lower bound: a call whose inbox file was removed since its document was stored, or landed while a run was storing it, also runs in full (listings do not show which files a document was made from)';

/** The plan in a few lines, with the cost the README's figures imply. */
export const describeFromPostProcessPlan = (p: FromPostProcessPlan): string => {
  const lines = [
    `${p.calls} call(s) to reprocess from PostProcess: ${p.postProcessOnly} rerun their post-processors only (about ${dollars(p.postProcessOnly * POST_PROCESS_RUN_USD_PER_CALL)}), ${p.full} run in full (about ${dollars(p.full * FULL_RUN_USD_PER_CALL)}: Comprehend, Bedrock, SageMaker again)`,
  ];
  if (p.postProcessOnly > 0) lines.push(LOWER_BOUND_NOTE);
  if (p.full > 0)
    lines.push(
      `in full: ${p.noDocument} with no stored enriched document, ${p.changedSince} whose inbox files changed since theirs was stored (e.g. ${p.fullExamples.join(', ')})`,
    );
  lines.push(
    `(planning figures: $${(FULL_RUN_USD_PER_CALL * 1000).toFixed(2)} per 1,000 calls in full, $${(POST_PROCESS_RUN_USD_PER_CALL * 1000).toFixed(2)} from PostProcess; S3, KMS, CloudWatch and a SageMaker endpoint's hours not included: README, Reprocessing on AWS)`,
  );
  return `${lines.join('\n')}\n`;
};
