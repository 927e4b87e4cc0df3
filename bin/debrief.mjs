#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx debrief` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/debrief.ts');
await main(process.argv);
