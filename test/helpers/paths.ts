import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = new URL('../../', import.meta.url).pathname;
/** Copies of ../shared/fixtures/formats (the documented AWS and Genesys shapes). */
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const TCA_FIXTURE = join(FIXTURES, 'transcribe', 'call-analytics-output.json');
export const CTR_FIXTURE = join(FIXTURES, 'genesys', 'conversation-detail.json');

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `debrief-${label}-`));
