import { labelledCallDocument, unlabelledCall } from '../../eval/labelled-calls.js';
import type { CallDocument, TurnRole } from '../../schemas/call-document.js';

/** A merged call document with the given turns (role, text), 5 s apart, everything else empty. */
export const callWithTurns = (
  turns: readonly (readonly [TurnRole, string])[],
  callId = 'call-1',
): CallDocument =>
  labelledCallDocument(
    unlabelledCall(
      callId,
      turns.map(([role, text]) => ({ role, text })),
    ),
  );
