import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/paths.js';

// No test may reach AWS or probe the instance-metadata address for credentials.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_REGION = 'us-east-1';
delete process.env.AWS_PROFILE;

// Every folder a test file made with tempDir (test/helpers/paths.ts) is removed after its tests.
// Set DEBRIEF_KEEP_TEST_DIRS=1 to keep them for a look.
afterAll(() => {
  if (!process.env.DEBRIEF_KEEP_TEST_DIRS) removeTempDirs();
});
