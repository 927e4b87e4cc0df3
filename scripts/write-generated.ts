// Regenerates the committed, derived artifacts: JSON Schema snapshots and the ASL file.
// test/contract/generated-artifacts.test.ts fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from '../schemas/json-schemas.js';
import { aslFileText, reprocessAslFileText } from '../workflows/asl-file.js';

const schemaDir = new URL('../schemas/json/', import.meta.url);
mkdirSync(schemaDir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) writeFileSync(new URL(name, schemaDir), text);
writeFileSync(new URL('../workflows/post-call.asl.json', import.meta.url), aslFileText());
writeFileSync(new URL('../workflows/reprocess.asl.json', import.meta.url), reprocessAslFileText());
console.log(
  `wrote ${Object.keys(jsonSchemaFiles()).length} JSON Schemas, workflows/post-call.asl.json and workflows/reprocess.asl.json`,
);
