// Regenerates the committed, derived artifacts: JSON Schema snapshots, the ASL files, the topic
// model's lessons from the dev sets' labelled calls (config/topic-calls.json) and the agents'
// answers the intents learn from them (config/intent-answers.json), and the toxicity rules'
// WordNet-derived lexicon (config/toxicity-lexicon.json, scripts/toxicity-lexicon.ts).
// Tests fail when they are stale.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { intentAnswersFileText } from '../adapters/local/topics/intent-answers-file.js';
import { loadTaxonomy } from '../adapters/local/topics/taxonomy-file.js';
import { topicCallsFileText } from '../adapters/local/topics/topic-calls-file.js';
import { loadWordVectors } from '../adapters/local/topics/word-vectors-file.js';
import { DEV_SETS, devSetCalls, devSetIntentCalls } from '../eval/sets.js';
import { jsonSchemaFiles } from '../schemas/json-schemas.js';
import { aslFileText, reprocessAslFileText } from '../workflows/asl-file.js';
import { toxicityLexiconFileText } from './toxicity-lexicon.js';

const schemaDir = new URL('../schemas/json/', import.meta.url);
mkdirSync(schemaDir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) writeFileSync(new URL(name, schemaDir), text);
writeFileSync(new URL('../workflows/post-call.asl.json', import.meta.url), aslFileText());
writeFileSync(new URL('../workflows/reprocess.asl.json', import.meta.url), reprocessAslFileText());
const taxonomy = await loadTaxonomy();
const vectors = loadWordVectors();
writeFileSync(
  new URL('../config/topic-calls.json', import.meta.url),
  topicCallsFileText(
    taxonomy,
    vectors,
    devSetCalls(),
    DEV_SETS.map((name) => `eval/${name}/calls.txt`),
  ),
);
writeFileSync(
  new URL('../config/intent-answers.json', import.meta.url),
  intentAnswersFileText(
    taxonomy,
    vectors,
    devSetIntentCalls(),
    DEV_SETS.flatMap((name) => [
      `eval/${name}/calls.txt`,
      ...(existsSync(new URL(`../eval/${name}/intents.csv`, import.meta.url))
        ? [`eval/${name}/intents.csv`]
        : []),
    ]),
  ),
);
writeFileSync(new URL('../config/toxicity-lexicon.json', import.meta.url), toxicityLexiconFileText());
console.log(
  `wrote ${Object.keys(jsonSchemaFiles()).length} JSON Schemas, workflows/post-call.asl.json, workflows/reprocess.asl.json, config/topic-calls.json, config/intent-answers.json and config/toxicity-lexicon.json`,
);
