import { AthenaClient } from '@aws-sdk/client-athena';
import { queryAthena } from '../../adapters/aws/athena-query.js';

export interface AthenaQueryCliOptions {
  stage: string;
  workgroup?: string;
  database?: string;
  region?: string;
}

/**
 * `debrief query --athena`: the same SQL against the deployed stack's Athena workgroup and Glue
 * database (names from the stage unless given), with your AWS credentials. Progress on stderr.
 */
export const queryAthenaCommand = async (sql: string, o: AthenaQueryCliOptions) => {
  const client = new AthenaClient(o.region ? { region: o.region } : {});
  const target = {
    workgroup: o.workgroup ?? `debrief-${o.stage}`,
    database: o.database ?? `debrief_${o.stage}`.replace(/-/g, '_'),
  };
  const tty = process.stderr.isTTY;
  const result = await queryAthena(client, sql, target, {
    onProgress: (p) => {
      if (tty)
        process.stderr.write(
          `\r${p.state.toLowerCase()} ${(p.elapsedMs / 1000).toFixed(1)} s, ${(p.scannedBytes / 1e6).toFixed(1)} MB scanned `,
        );
    },
  });
  if (tty) process.stderr.write('\n');
  return result.rows;
};
