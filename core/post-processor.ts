import type { CallDocument } from '../schemas/call-document.js';
import { DebriefError } from './errors.js';

/**
 * The extension point: a developer's own step over the call document, run in order after
 * enrichment and before results are written. Return the (new) document; throw to quarantine.
 */
export interface PostProcessor {
  name: string;
  version: string;
  process(doc: CallDocument): CallDocument | Promise<CallDocument>;
}

/**
 * The post-processors a run is given, checked before any call: each is recorded in the call's
 * lineage by its name (`post:<name>`), and a run compares those with its own to tell which
 * unchanged calls were made by other post-processors, so two of one name would leave one
 * unrecorded and every later run saying the calls are stale.
 */
/**
 * Two post-processors of one name: no run can go on with them (`run` stops; a `watch`, which
 * loaded them when it started and cannot load them again, stops too).
 */
export class PostProcessorNameError extends DebriefError {
  override name = 'PostProcessorNameError' as const;
}

export const checkPostProcessors = (processors: readonly PostProcessor[]): void => {
  const seen = new Set<string>();
  for (const { name } of processors) {
    if (seen.has(name))
      throw new PostProcessorNameError(
        `two post-processors are named ${name} (post-processors/index.ts): give each a name of its own; the call's lineage records each by its name`,
      );
    seen.add(name);
  }
};
