import { createContext, Script } from 'node:vm';
import type { z } from 'zod';
import { CallDocument, MAX_METRICS, METRIC_NAME } from '../../schemas/call-document.js';
import type { CallState } from '../../schemas/workflow.js';
import { loadDocument, saveDocument } from '../call-store.js';
import { enrichedKeyOf, inboxInputsOf, saveEnrichedDocument } from '../enriched-document.js';
import { PostProcessorError } from '../errors.js';
import { MAX_REASON, maskPersonalDigits, oneLine } from '../failure-reason.js';
import {
  KEPT_FRAMES,
  type PostProcessor,
  processorFrame,
  stackFrames,
  thrownMessage,
} from '../post-processor.js';
import type { StepDeps } from './deps.js';
import { issueSummary } from './parse-input.js';

/** Fields a post-processor may read but not change. */
const IDENTITY = ['callId', 'dt', 'conversationId', 'sources'] as const;

/**
 * The post-processor each call is in right now, in this process: a step that runs out of time
 * cannot be cancelled, so its processor is still here when QuarantineCall says which one hung.
 * (On AWS QuarantineCall is another Lambda and finds none: its reason names the step only.)
 */
const running = new Map<string, { name: string; token: symbol }>();

/** The post-processor a call's PostProcess step is still running in this process, if any. */
export const runningPostProcessor = (callId: string): string | undefined => running.get(callId)?.name;

/**
 * A processor's call with a limit on its synchronous work: node:vm's timeout stops whatever
 * JavaScript runs while the script does (a watchdog thread terminates it), which no timer can do
 * to a loop that never yields. The work a processor does after an `await` is the step timeout's.
 */
let call: { script: Script; context: Record<string, unknown> } | undefined;

const runProcessor = (
  processor: PostProcessor,
  doc: CallDocument,
  timeoutMs: number | undefined,
): unknown => {
  if (timeoutMs === undefined) return processor.process(doc);
  call ??= {
    script: new Script('processor.process(doc)', { filename: 'post-processor' }),
    context: createContext({ processor: undefined, doc: undefined }),
  };
  const { script, context } = call;
  context.processor = processor;
  context.doc = doc;
  try {
    return script.runInContext(context, { timeout: timeoutMs });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new PostProcessorError(
        processor.name,
        `ran for more than ${timeoutMs / 1000} s without returning (a loop that never ends, a runaway regular expression?) and was stopped: the run's other calls waited for it (--step-timeout sets the limit)`,
      );
    throw error;
  } finally {
    context.processor = undefined;
    context.doc = undefined;
  }
};

/**
 * A processor's throw as the error that quarantines its call. The reason is one short line (cut
 * at MAX_REASON), so it names the place in the developer's code (the first frame under
 * post-processors/) after a message cut to leave room for it; the stack's first frames travel with
 * the error (core/errors.ts PostProcessorError) for QuarantineCall to keep in the report's detail.
 */
const processorThrew = (name: string, thrown: unknown): PostProcessorError => {
  const frame = processorFrame(thrown);
  const where = frame === null ? '' : ` (${frame})`;
  const room = MAX_REASON - `post-processor ${name} failed: `.length - where.length;
  const detail = `${oneLine(maskPersonalDigits(thrownMessage(thrown)), Math.max(room, 40))}${where}`;
  return new PostProcessorError(name, detail, stackFrames(thrown).slice(0, KEPT_FRAMES));
};

/** How many unknown fields a reason names at most. */
const NAMED_UNKNOWN = 5;

/**
 * Fields of a returned document the schema has no place for (`churnScore`, `turns[3].mood`): zod
 * drops them without a word when it parses (an object's unknown keys are stripped), so a
 * processor's finding put there would vanish. Stored documents are parsed with the same schema
 * and may keep fields of older versions: only what a processor hands back is held to it.
 */
const unknownFields = (schema: z.ZodType, value: unknown, path: string, found: string[]): void => {
  if (found.length >= NAMED_UNKNOWN || value === null || value === undefined) return;
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      if (typeof value !== 'object') return;
      const shape = def.shape as Record<string, z.ZodType>;
      for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
        const at = path ? `${path}.${key}` : key;
        if (!Object.hasOwn(shape, key)) {
          if (found.length < NAMED_UNKNOWN) found.push(at);
        } else unknownFields(shape[key] as z.ZodType, field, at, found);
      }
      return;
    }
    case 'array':
      if (Array.isArray(value))
        for (const [i, item] of value.entries())
          unknownFields(def.element as z.ZodType, item, `${path}[${i}]`, found);
      return;
    case 'record':
      if (typeof value === 'object')
        for (const [key, item] of Object.entries(value as Record<string, unknown>))
          unknownFields(def.valueType as z.ZodType, item, `${path}.${key}`, found);
      return;
    case 'nullable':
    case 'optional':
    case 'default':
      unknownFields(def.innerType as z.ZodType, value, path, found);
      return;
    default:
      return;
  }
};

/**
 * What a returned document (valid in shape) holds that would not land as the processor meant:
 * fields the schema drops, and blank category names (a row of call_categories with no name).
 */
const dropped = (returned: unknown, valid: CallDocument): string | null => {
  const unknown: string[] = [];
  unknownFields(CallDocument, returned, '', unknown);
  if (unknown.length > 0)
    return `returned ${unknown.join(', ')}${unknown.length >= NAMED_UNKNOWN ? ' (and maybe more)' : ''}, which the call document has no ${unknown.length === 1 ? 'field' : 'fields'} for (${unknown.length === 1 ? 'it would be' : 'they would be'} dropped): what a processor finds goes in categories (a name) or customMetrics (a number by name), the channels a processor writes to`;
  const blank = valid.categories.flatMap((c, i) => (c.trim() === '' ? [`categories[${i}]`] : []));
  if (blank.length > 0)
    return `returned a blank category (${blank.join(', ')}): a category needs a name, or it lands as a nameless row of call_categories`;
  return null;
};

/** A value as a reason shows it: NaN and Infinity by name (JSON would write them as null). */
const shown = (value: unknown): string => {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
};

/**
 * What is wrong with the `customMetrics` a processor returned, or null: a plain object of at most
 * MAX_METRICS names (METRIC_NAME), each a finite number. Checked before the schema, which knows
 * only "a record of numbers" (schemas/call-document.ts says why), so the reason names the metric
 * and says what a metric must be (a NaN from 0/0 is the likely slip, which zod calls "received NaN").
 */
const metricsProblem = (returned: unknown): string | null => {
  if (returned === null || typeof returned !== 'object') return null;
  const metrics = (returned as { customMetrics?: unknown }).customMetrics;
  if (metrics === undefined) return null;
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics))
    return `returned customMetrics as ${shown(metrics)}: it is an object of numbers by name ({ churn_risk: 0.82 }), or absent`;
  const names = Object.keys(metrics);
  if (names.length > MAX_METRICS)
    return `returned ${names.length} customMetrics: a call carries at most ${MAX_METRICS} (each is a row of call_metrics)`;
  for (const name of names) {
    if (!METRIC_NAME.test(name))
      return `returned customMetrics[${JSON.stringify(name.length > 70 ? `${name.slice(0, 69)}…` : name)}], a name call_metrics cannot hold: a metric's name is a letter, then letters, digits, _, - or . (64 characters at most)`;
    const value = (metrics as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isFinite(value))
      return `returned customMetrics.${name} = ${shown(value)}: a metric is a finite number (not NaN, Infinity, a string or null); leave it out when the call has none`;
  }
  return null;
};

/** PostProcess: run the developers' post-processors in order; each one is recorded in lineage. */
export const postProcess = async (input: CallState, deps: StepDeps): Promise<CallState> => {
  if (deps.postProcessors.length === 0) return input;
  let doc = await loadDocument(deps.store, input.documentKey);
  // The document as no processor has touched it, for `--from post-process` (core/enriched-document.ts);
  // a PostProcess-only run was given that very document (with its lineage entry): kept as it is.
  if (input.route !== 'post-process')
    await saveEnrichedDocument(deps.store, enrichedKeyOf(deps.prefixes.results, input.callId), {
      callId: input.callId,
      inputs: input.inputs ?? (await inboxInputsOf(deps.store, input.keys)),
      savedAt: deps.now(),
      documentKey: input.documentKey,
      document: doc,
    });
  for (const processor of deps.postProcessors) {
    // The identifying fields as they were before the processor ran: it may change the document
    // it is given in place (doc.dt = …; return doc), and then the document it returns and the
    // one it was given agree on whatever it changed. JSON text is a deep copy of `sources`, a
    // few short strings, where a structuredClone of the whole document (~250 kB) per processor
    // would cost far more.
    const given = IDENTITY.map((k) => JSON.stringify(doc[k]));
    let returned: unknown;
    const token = Symbol(processor.name);
    running.set(input.callId, { name: processor.name, token });
    try {
      returned = await runProcessor(processor, doc, deps.postProcessTimeoutMs);
    } catch (error) {
      if (error instanceof PostProcessorError) throw error;
      throw processorThrew(processor.name, error);
    } finally {
      // A processor that outlived its step ends after the call ran again: not that run's entry.
      if (running.get(input.callId)?.token === token) running.delete(input.callId);
    }
    // A developer's code hands the document back: validated like any input from outside.
    const badMetrics = metricsProblem(returned);
    if (badMetrics !== null) throw new PostProcessorError(processor.name, badMetrics);
    const valid = CallDocument.safeParse(returned);
    if (!valid.success)
      throw new PostProcessorError(
        processor.name,
        `returned a document out of shape: ${issueSummary(valid.error)}`,
      );
    // Which call this is and where its rows land are the pipeline's: a processor that moved
    // the call would write it under another id or day and leave the real call's rows stale.
    const moved = IDENTITY.filter((k, i) => JSON.stringify(valid.data[k]) !== given[i]);
    if (moved.length > 0)
      throw new PostProcessorError(
        processor.name,
        moved.length === 1
          ? `changed ${moved[0]}, which identifies the call and where it lands: return the document with it as given`
          : `changed ${moved.join(', ')}, which identify the call and where it lands: return the document with them as given`,
      );
    const lost = dropped(returned, valid.data);
    if (lost !== null) throw new PostProcessorError(processor.name, lost);
    doc = valid.data;
    doc = {
      ...doc,
      lineage: {
        ...doc.lineage,
        [`post:${processor.name}`]: {
          engine: processor.name,
          version: processor.version,
          model: null,
          promptHash: null,
          note: null,
        },
      },
    };
  }
  await saveDocument(deps.store, input.documentKey, doc);
  return input;
};
