/**
 * Deterministic synthetic calls for tests and benchmarks: Transcribe Call Analytics output,
 * Genesys conversation record and recording metadata per call, plus the ground truth.
 */
export { type GeneratedCall, type GeneratedFile, generateCall } from './generate-call.js';
export {
  type BatchOverrides,
  generateCalls,
  generateCallsOverDays,
  generateShowcase,
} from './generate-calls.js';
export { GenerateOptions } from './options.js';
export { genesysQueuesExport, QUEUES_EXPORT_FILE } from './queues-export.js';
export * from './truth.js';
export { genesysUsersExport, USERS_EXPORT_FILE } from './users-export.js';
export { writeDrop } from './write-drop.js';
