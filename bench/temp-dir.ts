import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `debrief-${label}-`));
