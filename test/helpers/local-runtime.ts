import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalRuntime, type LocalRuntime } from '../../adapters/local/local-deps.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import type { PostProcessor } from '../../core/post-processor.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { LocalWorkflowRunner } from '../../workflows/local-runner.js';
import { tempDir } from './paths.js';

/** A fresh local home with a fixed clock (so written_at is reproducible). */
export const freshRuntime = (
  opts: {
    postProcessors?: PostProcessor[];
    now?: () => string;
    enrichers?: () => Promise<Enrichers>;
    piiMode?: PiiMode;
  } = {},
) => {
  const home = tempDir('home');
  const runtime: LocalRuntime = createLocalRuntime({
    home,
    now: opts.now ?? (() => '2026-03-03T00:00:00.000Z'),
    postProcessors: opts.postProcessors ?? [],
    ...(opts.enrichers ? { enrichers: opts.enrichers } : {}),
    ...(opts.piiMode ? { piiMode: opts.piiMode } : {}),
  });
  return { runtime, runner: new LocalWorkflowRunner(runtime.deps) };
};

/** Put files into the local bucket's inbox/ (as the drop ingest would). */
export const putInbox = (runtime: LocalRuntime, files: Record<string, string | { copyFrom: string }>) => {
  const dir = join(runtime.home, 'inbox');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string') writeFileSync(join(dir, name), content);
    else copyFileSync(content.copyFrom, join(dir, name));
  }
};
