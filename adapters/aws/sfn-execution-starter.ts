import { ListExecutionsCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ThrottledError } from '../../core/errors.js';
import { isExecutionOf } from '../../core/trigger.js';
import type { CallExecutionInput } from '../../schemas/workflow.js';

export type StartOutcome = { started: true; executionArn: string } | { started: false; duplicate: true };

/** Starts one post-call execution; a duplicate event (same name) is reported, not an error. */
export const startCallExecution = async (
  client: SFNClient,
  stateMachineArn: string,
  name: string,
  input: CallExecutionInput,
): Promise<StartOutcome> => {
  try {
    const out = await client.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
    return { started: true, executionArn: out.executionArn ?? '' };
  } catch (error) {
    const name_ = error instanceof Error ? error.name : '';
    if (name_ === 'ExecutionAlreadyExists') return { started: false, duplicate: true };
    if (name_ === 'ThrottlingException') throw new ThrottledError('Step Functions StartExecution throttled');
    throw error;
  }
};

/**
 * The running executions of the post-call machine started for each of these calls by their files
 * (names from core/trigger.ts), listed page by page. Executions a reprocess starts have names of
 * their own: a call's lease (core/call-lease.ts) tells whether one of those runs it.
 */
export const runningExecutionsOf = async (
  client: SFNClient,
  stateMachineArn: string,
  callIds: readonly string[],
): Promise<Map<string, string[]>> => {
  const running = new Map<string, string[]>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000, nextToken }),
    );
    for (const e of page.executions ?? [])
      for (const id of callIds)
        if (e.name && isExecutionOf(e.name, id)) running.set(id, [...(running.get(id) ?? []), e.name]);
    nextToken = page.nextToken;
  } while (nextToken);
  return running;
};
