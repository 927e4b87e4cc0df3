import { join } from 'node:path';

/** Where a home keeps its topic models, the ACTIVE pointer and the analysts' corrections. */
export const topicModelDir = (home: string): string => join(home, 'models', 'topics');
