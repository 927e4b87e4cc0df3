// Regenerates the committed, derived artifacts: JSON Schema snapshots, the ASL files and the
// topic model's lessons from the dev sets' labelled calls (config/topic-calls.json).
// Tests fail when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { topicCallsFileText } from '../adapters/local/topics/topic-calls-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { DEV_SETS, devSetCalls } from '../eval/sets.js';
import { jsonSchemaFiles } from '../schemas/json-schemas.js';
import { aslFileText, reprocessAslFileText } from '../workflows/asl-file.js';

const schemaDir = new URL('../schemas/json/', import.meta.url);
mkdirSync(schemaDir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) writeFileSync(new URL(name, schemaDir), text);
writeFileSync(new URL('../workflows/post-call.asl.json', import.meta.url), aslFileText());
writeFileSync(new URL('../workflows/reprocess.asl.json', import.meta.url), reprocessAslFileText());
writeFileSync(
  new URL('../config/topic-calls.json', import.meta.url),
  topicCallsFileText(
    await loadTaxonomy(),
    loadWordVectors(),
    devSetCalls(),
    DEV_SETS.map((name) => `eval/${name}/calls.txt`),
  ),
);
console.log(
  `wrote ${Object.keys(jsonSchemaFiles()).length} JSON Schemas, workflows/post-call.asl.json, workflows/reprocess.asl.json and config/topic-calls.json`,
);
