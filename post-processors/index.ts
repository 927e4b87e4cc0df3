import type { PostProcessor } from '../core/post-processor.js';

/**
 * The post-processors run by the PostProcess state, in order, locally and on AWS. Add yours
 * here (see README "Extending debrief"); each is a plain function over the call document.
 */
export const postProcessors: readonly PostProcessor[] = [];
