// `node --import ./test/helpers/trace-imports.mjs <program>` appends the URL of every ES module
// the program loads to the file named by DEBRIEF_TRACE_IMPORTS (one per line). Used by the CLI
// start-up test to check that each command loads only what it uses.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url);
