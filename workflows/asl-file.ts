import { postCallDefinition } from './post-call-definition.js';

/** The exact text of workflows/post-call.asl.json. */
export const aslFileText = (): string => `${JSON.stringify(postCallDefinition(), null, 2)}\n`;
