import { z } from 'zod';
import { type FileNameStartSettings, fileNameStartSettings } from '../core/file-name-start.js';
import { PiiMode } from '../schemas/call-document.js';

const offOr = (value: z.ZodString) => z.union([z.literal('none'), value]);

/**
 * The Lambda environment, parsed once per cold start: the only place functions/ reads
 * process.env. Written by infra/config.ts lambdaEnvironment() from the same deploy configuration
 * that builds IAM, so the two cannot disagree ("none" = that enrichment is switched off).
 */
export const LambdaConfig = z.object({
  DEBRIEF_BUCKET: z.string().min(3),
  DEBRIEF_KMS_KEY_ID: z.string().optional(),
  /** Secrets Manager secret holding the ANI hash key (never the key itself in the environment). */
  DEBRIEF_ANI_HASH_SECRET_ARN: z.string().optional(),
  DEBRIEF_STATE_MACHINE_ARN: z.string().optional(),
  DEBRIEF_ATHENA_WORKGROUP: z.string().optional(),
  DEBRIEF_GLUE_DATABASE: z.string().optional(),
  DEBRIEF_TOPICS_ENDPOINT: offOr(z.string().min(1)),
  DEBRIEF_SUMMARY_MODEL_ID: offOr(z.string().min(1)),
  DEBRIEF_TOXICITY_REGION: offOr(z.string().min(1)),
  /** Empty is refused, not read as 0 (every turn toxic). */
  DEBRIEF_TOXICITY_THRESHOLD: z
    .string()
    .trim()
    .min(1, 'set but empty')
    .pipe(z.coerce.number<string>().min(0).max(1))
    .default(0.5),
  /** Where a Genesys users export (agent names) is picked up in the bucket. */
  DEBRIEF_GENESYS_USERS_KEY: z.string().default('inbox/genesys-users.json'),
  /** Where a Genesys queues export (queue names) is picked up in the bucket. */
  DEBRIEF_GENESYS_QUEUES_KEY: z.string().default('inbox/genesys-queues.json'),
  /**
   * Optional agent- and queue-name lookup through the Genesys users and routing APIs (an OAuth
   * client-credentials client allowed to read users and queues): all three or none, written by infra/config.ts from the deploy
   * configuration. The API base is the org's region, e.g. https://api.mypurecloud.com; the client
   * secret stays in Secrets Manager (only its ARN is in the environment).
   */
  DEBRIEF_GENESYS_API_BASE: z.url().optional(),
  DEBRIEF_GENESYS_CLIENT_ID: z.string().min(1).optional(),
  DEBRIEF_GENESYS_CLIENT_SECRET_ARN: z.string().min(1).optional(),
  /** PII redaction of transcripts and AI output: default | strict | off (same values as `debrief run --pii-mode`). */
  DEBRIEF_PII_MODE: PiiMode.default('default'),
  /**
   * Where a call without a CTR or recording metadata starts: a date-time in its file name
   * (core/file-name-start.ts). Patterns with groups Y m d H M S, newline-separated ("none": off);
   * unset: the defaults. Times without a zone are read at DEBRIEF_FILENAME_UTC_OFFSET (default Z, UTC)
   * or in DEBRIEF_FILENAME_TIMEZONE (an IANA zone name, daylight saving included), not both.
   */
  DEBRIEF_FILENAME_DATETIME_REGEX: z.string().optional(),
  DEBRIEF_FILENAME_UTC_OFFSET: z.string().optional(),
  DEBRIEF_FILENAME_TIMEZONE: z.string().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  // Transcription (recordings): see README "Recordings" and its settings in "Deploying to AWS".
  DEBRIEF_TRANSCRIBE_ROLE_ARN: z.string().optional(),
  /** Which channel of a stereo recording is the agent: 1 for Genesys Cloud's layout. */
  DEBRIEF_AGENT_CHANNEL: z
    .enum(['0', '1'])
    .default('1')
    .transform(Number)
    .pipe(z.union([z.literal(0), z.literal(1)])),
  /** Comma-separated; several enable language identification. Empty is refused (no language to ask for). */
  DEBRIEF_LANGUAGES: z
    .string()
    .default('en-US')
    .transform((s) =>
      s
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1)),
  DEBRIEF_REDACTION_OUTPUT: z.enum(['redacted', 'redacted_and_unredacted', 'off']).default('redacted'),
  /** Comma-separated Transcribe PII entity types; empty = all. */
  DEBRIEF_PII_ENTITY_TYPES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  DEBRIEF_KEEP_UNREDACTED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DEBRIEF_TRANSCRIBE_SUMMARY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type LambdaConfig = z.infer<typeof LambdaConfig>;

/** The users API settings when configured (all three), null when not; a partial setting is an error. */
export const genesysApiSettings = (
  c: LambdaConfig,
): { apiBase: string; clientId: string; clientSecretArn: string } | null => {
  const set = [c.DEBRIEF_GENESYS_API_BASE, c.DEBRIEF_GENESYS_CLIENT_ID, c.DEBRIEF_GENESYS_CLIENT_SECRET_ARN];
  if (set.every((v) => v === undefined)) return null;
  if (set.some((v) => v === undefined))
    throw new Error(
      'DEBRIEF_GENESYS_API_BASE, DEBRIEF_GENESYS_CLIENT_ID and DEBRIEF_GENESYS_CLIENT_SECRET_ARN go together: set all three or none',
    );
  return {
    apiBase: c.DEBRIEF_GENESYS_API_BASE!,
    clientId: c.DEBRIEF_GENESYS_CLIENT_ID!,
    clientSecretArn: c.DEBRIEF_GENESYS_CLIENT_SECRET_ARN!,
  };
};

/** Reading a call's start from its file name (patterns, and the offset or zone of times without one). */
export const fileNameStartOf = (c: LambdaConfig): FileNameStartSettings =>
  fileNameStartSettings(
    c.DEBRIEF_FILENAME_DATETIME_REGEX,
    c.DEBRIEF_FILENAME_UTC_OFFSET,
    c.DEBRIEF_FILENAME_TIMEZONE,
  );

let cached: LambdaConfig | undefined;
export const config = (): LambdaConfig => {
  cached ??= LambdaConfig.parse(process.env);
  return cached;
};
