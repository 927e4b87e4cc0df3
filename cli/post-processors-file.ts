import type { PostProcessor } from '../core/post-processor.js';
import { processorFrame, thrownMessage } from '../core/post-processor.js';

/**
 * The project's post-processors (post-processors/index.ts), loaded before `run` and `watch`
 * import the modules that import them: code at its top level runs on load (reading a setting, a
 * file), and what it throws then would reach the command line as its bare message, with nothing
 * saying where it came from. Loaded once (the module is then cached for every later import).
 * Source maps are turned on first, so a frame in the developer's file names its .ts line (the CLI
 * runs compiled JavaScript from dist/).
 */
export const loadProjectPostProcessors = async (
  /** The import (tests load a file of their own). */
  load: () => Promise<{ postProcessors: readonly PostProcessor[] }> = () =>
    import('../post-processors/index.js'),
): Promise<readonly PostProcessor[]> => {
  process.setSourceMapsEnabled(true);
  try {
    return (await load()).postProcessors;
  } catch (error) {
    const frame = processorFrame(error);
    throw new Error(
      `loading post-processors/index.ts failed: ${thrownMessage(error)}${frame === null ? '' : ` (${frame})`}; fix it (or the setting it reads), then run again`,
    );
  }
};
