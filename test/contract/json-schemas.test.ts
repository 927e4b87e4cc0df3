import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../schemas/json-schemas.js';
import { REPO } from '../helpers/paths.js';

describe('JSON Schema snapshots', () => {
  const dir = join(REPO, 'schemas', 'json');

  it('every published schema has a current snapshot (run `npm run generate` after a schema change)', () => {
    const expected = jsonSchemaFiles();
    for (const [name, text] of Object.entries(expected)) {
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
    }
  });

  it('there are no stale snapshot files', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(jsonSchemaFiles()).sort());
  });
});
