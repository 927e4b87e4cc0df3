import type { CallDocument } from '../schemas/call-document.js';

/**
 * The extension point: a developer's own step over the call document, run in order after
 * enrichment and before results are written. Return the (new) document; throw to quarantine.
 */
export interface PostProcessor {
  name: string;
  version: string;
  process(doc: CallDocument): CallDocument | Promise<CallDocument>;
}
