import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ThrottledError } from '../../core/errors.js';
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
