/** The latest-write rules live with the lake layout (adapters/lake/latest-write.ts); the views use them. */
export { latestRowsSql, latestStatusSql } from '../adapters/lake/latest-write.js';
