import { z } from 'zod';
import { Naming, Outcome, TimestampStyle, Topic } from './truth.js';

/**
 * Knobs of one synthetic call. Only `seed` is required; every knob left out is drawn from the
 * seed (always drawn, so fixing one knob does not change the others).
 */
export const GenerateOptions = z
  .object({
    seed: z.number().int(),
    /** File stem and call id; default `call-<seed>-<topic>`. */
    callId: z
      .string()
      .regex(/^[0-9a-zA-Z._-]{1,200}$/, 'call ids must be valid Transcribe job names')
      .optional(),
    naming: Naming.optional(),
    /**
     * The Genesys record dropped with the call: `present`, `missing`, or a record without a voice
     * session as real exports hold them: `callback` (callback media only) or `chat`.
     */
    ctr: z.enum(['present', 'missing', 'callback', 'chat']).optional(),
    /** Who calls in: a `customer`, or a Genesys `user` (an employee) dialling the IVR (user-originated). */
    caller: z.enum(['customer', 'user']).optional(),
    /** Whether the record carries the agents' `participantName` (real exports usually do not). Default true. */
    agentNames: z.boolean().optional(),
    /** `batch` (JobName) or `real-time` (a streaming session's post-call output: SessionId, findings without offsets). */
    transcriptSource: z.enum(['batch', 'real-time']).optional(),
    /** Transcribe ContentRedaction on (`[PII]` items, Output "Redacted"); default true. */
    redact: z.boolean().optional(),
    agents: z.number().int().min(1).max(3).optional(),
    transfer: z.enum(['none', 'blind', 'consult']).optional(),
    hold: z.boolean().optional(),
    toxic: z.boolean().optional(),
    trap: z.boolean().optional(),
    mixedFirstTurn: z.boolean().optional(),
    /** Largest |recording start - CTR clock| skew; default 300. */
    skewMs: z.number().int().min(0).max(5000).optional(),
    /** Style of the CTR timestamps; default utc-millis. */
    timestampStyle: TimestampStyle.optional(),
    /** Style of the recording metadata timestamps; default offset-compact (+0000, as the Genesys export writes). */
    recordingTimestampStyle: TimestampStyle.optional(),
    /** Approximate number of agent/customer utterances; 150 gives a call of about ten minutes. */
    turns: z.number().int().min(8).max(1000).optional(),
    /** `YYYY-MM-DD` (a business-hours time is drawn) or a full ISO-8601 conversation start. */
    startDate: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')
      .optional(),
    topic: Topic.optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    outcome: Outcome.optional(),
  })
  .refine((o) => !(o.agents === 1 && (o.transfer === 'blind' || o.transfer === 'consult')), {
    message: 'a transfer needs at least two agents',
  })
  .refine((o) => !(o.agents !== undefined && o.agents > 1 && o.transfer === 'none'), {
    message: 'several agents need a transfer kind (blind or consult)',
  })
  .refine((o) => !(o.direction === 'outbound' && o.mixedFirstTurn === true), {
    message: 'an outbound call has no prompt before the agent, so its first turn cannot be mixed',
  })
  .refine((o) => !(o.direction === 'outbound' && o.caller === 'user'), {
    message: 'a user-originated call dials into the IVR: it is inbound',
  });
export type GenerateOptions = z.infer<typeof GenerateOptions>;
