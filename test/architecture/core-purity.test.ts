import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';

/** What core/ may not touch: the cloud SDK, infra, Lambda middleware, the filesystem, the environment. */
const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: '@aws-sdk/*', pattern: /from\s+['"]@aws-sdk\/|import\(\s*['"]@aws-sdk\// },
  { what: 'sst', pattern: /from\s+['"]sst(\/[^'"]*)?['"]|import\(\s*['"]sst/ },
  { what: '@middy/*', pattern: /from\s+['"]@middy\/|import\(\s*['"]@middy\// },
  {
    what: 'node:fs',
    pattern: /from\s+['"](node:)?fs(\/promises)?['"]|import\(\s*['"](node:)?fs|require\(\s*['"](node:)?fs/,
  },
  { what: 'process.env', pattern: /process\.env|process\[['"]env['"]\]/ },
];

const violations = (source: string): string[] =>
  FORBIDDEN.filter((f) => f.pattern.test(source)).map((f) => f.what);

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

describe('core/ stays pure', () => {
  it('the checker recognises each forbidden dependency', () => {
    // Prepare
    const bad = [
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import { Resource } from 'sst';",
      "import middy from '@middy/core';",
      "import { readFileSync } from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      'const bucket = process.env.BUCKET;',
    ];
    // Act
    const found = bad.map(violations);
    // Assess
    expect(found).toEqual([['@aws-sdk/*'], ['sst'], ['@middy/*'], ['node:fs'], ['node:fs'], ['process.env']]);
    expect(violations("import { z } from 'zod';\nimport { createHmac } from 'node:crypto';")).toEqual([]);
  });

  it('no file under core/ imports @aws-sdk, sst, @middy, node:fs or reads process.env', () => {
    const offenders = tsFiles(join(REPO, 'core'))
      .map((file) => ({ file: relative(REPO, file), found: violations(readFileSync(file, 'utf8')) }))
      .filter((o) => o.found.length > 0);
    expect(offenders).toEqual([]);
  });
});
