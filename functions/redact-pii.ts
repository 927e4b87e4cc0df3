import { awsDeps } from './aws-deps.js';
import { taskHandler } from './task-handler.js';

export const handler = taskHandler('RedactPii', awsDeps);
