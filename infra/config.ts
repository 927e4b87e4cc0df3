import { z } from 'zod';
import { fileNameStartSettings } from '../core/file-name-start.js';
import { PiiMode } from '../schemas/call-document.js';

/**
 * The deploy configuration: ONE typed object, read from the deploy shell's environment once,
 * that feeds both the Lambda environment (lambdaEnvironment) and IAM (infra/iam.ts). A switched
 * off enrichment ("none") gets neither an environment value nor a permission, and its calls land
 * `processed` with the part recorded as `off`.
 */
const NONE = 'none';
/** The toxicity default: the region the stack is deployed to. */
const DEPLOY_REGION = 'deploy-region';
const offOr = <T extends z.ZodType>(value: T) => z.union([z.literal(NONE), value]);

/** Bedrock: a foundation model id, a cross-region inference profile id (us./eu./apac./global.) or an ARN. */
const BedrockModelId = z
  .string()
  .regex(/^(arn:aws[a-z-]*:bedrock:|[a-z0-9-]+\.)[\w.:/-]+$/, 'a Bedrock model id')
  // Its ARN does not name the model it routes to, so infra/iam.ts cannot grant that model.
  .refine(
    (id) => !/^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:application-inference-profile\//.test(id),
    "an application inference profile's ARN does not name its model, so its Bedrock grant cannot be derived: give the model or inference profile id it was created from (e.g. eu.amazon.nova-lite-v1:0)",
  );
const Region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as eu-west-1');
const Arn = z.string().regex(/^arn:aws[a-z-]*:/, 'an ARN');

export const DeployConfig = z.object({
  /** SageMaker real-time endpoint answering the zero-shot topic contract, or "none". */
  topicsEndpoint: offOr(z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'a SageMaker endpoint name')),
  /** Bedrock model for the summary, or "none". Model access must be enabled in the account. */
  summaryModelId: offOr(BedrockModelId),
  /**
   * Region for Comprehend DetectToxicContent (offered in a few regions only: us-east-1,
   * us-west-2, eu-west-1, ap-southeast-2), or "none". Transcript text is sent there.
   */
  toxicityRegion: z.union([z.literal(NONE), z.literal(DEPLOY_REGION), Region]),
  toxicityThreshold: z.coerce.number().min(0).max(1),
  /** PII redaction of transcripts and AI output: default | strict (also every run of 3+ digits) | off. */
  piiMode: PiiMode,
  /** QuickSight: off unless principals (user or group ARNs) are given. */
  quicksight: z.union([
    z.literal(false),
    z.object({
      principals: z.array(Arn).min(1),
      /** The role QuickSight uses to reach Athena and S3 (granted read access to the lake). */
      serviceRole: z.string().min(1),
    }),
  ]),
  /** Alarm notifications: e-mail addresses subscribed to the alarm topic (confirm by mail). */
  alarmEmails: z.array(z.email()),
  /**
   * Agent and queue names from the Genesys users and routing APIs (MergeCtr, for agents the records
   * leave unnamed and the queues they name only by id): the org's API base (e.g.
   * https://api.mypurecloud.com), an OAuth client-credentials client id (its role must grant
   * `routing:queue:view`; listing users needs no permission), and the ARN of a Secrets Manager secret holding
   * its client secret. Off unless all three are set.
   */
  genesysUsersApi: z
    .union([
      z.literal(false),
      z.object({
        apiBase: z.url({ protocol: /^https$/ }),
        clientId: z.string().min(1),
        clientSecretArn: Arn,
      }),
    ])
    .optional(),
  /**
   * A call's start read from its file name when neither CTR nor recording metadata gives one
   * (core/file-name-start.ts): the patterns (named groups Y m d H M S, one a line, "none": off) and
   * the UTC offset of times without a zone, or their IANA time zone (daylight saving included; not
   * both). Unset: the defaults, read as UTC.
   */
  fileNameStart: z
    .object({
      regex: z.string().optional(),
      utcOffset: z.string().optional(),
      timeZone: z.string().optional(),
    })
    .optional(),
  /** Recordings (Amazon Transcribe): see README "Recordings", and the settings table in "Deploying to AWS". */
  transcription: z.object({
    /** Which channel of a stereo recording is the agent: 1 in Genesys Cloud's layout (README). */
    agentChannel: z.union([z.literal(0), z.literal(1)]),
    /** One language, or several for automatic language identification. */
    languages: z.array(z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'a language code such as en-US')).min(1),
    /** PII redaction by Transcribe; `redacted_and_unredacted` also writes the raw transcript. */
    redactionOutput: z.enum(['redacted', 'redacted_and_unredacted', 'off']),
    /** Transcribe PII entity types to redact (empty: all). */
    piiEntityTypes: z.array(
      z.enum([
        'BANK_ACCOUNT_NUMBER',
        'BANK_ROUTING',
        'CREDIT_DEBIT_NUMBER',
        'CREDIT_DEBIT_CVV',
        'CREDIT_DEBIT_EXPIRY',
        'PIN',
        'EMAIL',
        'ADDRESS',
        'NAME',
        'PHONE',
        'SSN',
        'ALL',
      ]),
    ),
    /** With redacted_and_unredacted: keep the raw transcript under unredacted/ (own grants) instead of deleting it. */
    keepUnredacted: z.boolean(),
    /** Ask Call Analytics for its generative call summary. */
    summarize: z.boolean(),
  }),
  /** Days to keep per-call work files, canonical results, quarantined inputs and Athena results. */
  retentionDays: z.object({
    work: z.int().min(1),
    results: z.int().min(1),
    quarantine: z.int().min(1),
    athenaResults: z.int().min(1),
  }),
});
export type DeployConfig = z.infer<typeof DeployConfig>;

/** Every DEBRIEF_* variable the deploy reads (here and infra/reprocess.ts): README "Deploying to AWS". */
export const DEPLOY_SETTINGS = [
  'DEBRIEF_TOPICS_ENDPOINT',
  'DEBRIEF_SUMMARY_MODEL_ID',
  'DEBRIEF_TOXICITY_REGION',
  'DEBRIEF_TOXICITY_THRESHOLD',
  'DEBRIEF_PII_MODE',
  'DEBRIEF_FILENAME_DATETIME_REGEX',
  'DEBRIEF_FILENAME_UTC_OFFSET',
  'DEBRIEF_FILENAME_TIMEZONE',
  'DEBRIEF_AGENT_CHANNEL',
  'DEBRIEF_LANGUAGES',
  'DEBRIEF_REDACTION_OUTPUT',
  'DEBRIEF_PII_ENTITY_TYPES',
  'DEBRIEF_KEEP_UNREDACTED',
  'DEBRIEF_TRANSCRIBE_SUMMARY',
  'DEBRIEF_QUICKSIGHT_PRINCIPALS',
  'DEBRIEF_QUICKSIGHT_SERVICE_ROLE',
  'DEBRIEF_ALARM_EMAILS',
  'DEBRIEF_RETENTION_WORK_DAYS',
  'DEBRIEF_RETENTION_RESULTS_DAYS',
  'DEBRIEF_RETENTION_QUARANTINE_DAYS',
  'DEBRIEF_RETENTION_ATHENA_RESULTS_DAYS',
  'DEBRIEF_GENESYS_API_BASE',
  'DEBRIEF_GENESYS_CLIENT_ID',
  'DEBRIEF_GENESYS_CLIENT_SECRET_ARN',
  'DEBRIEF_REPROCESS_CONCURRENCY',
  'DEBRIEF_REPROCESS_TOLERATED_FAILURE_PERCENT',
] as const;

/**
 * DEBRIEF_* variables a deploy shell may hold that are not deploy settings: local mode's and the
 * CLI's (README), and the test harness's. The deploy lets them through and reads none of them.
 */
export const NOT_DEPLOY_SETTINGS = [
  'DEBRIEF_HOME',
  'DEBRIEF_STAGE',
  'DEBRIEF_ANI_HASH_KEY',
  'DEBRIEF_SUMMARY_ENGINE',
  'DEBRIEF_OPENAI_BASE_URL',
  'DEBRIEF_OPENAI_MODEL',
  'DEBRIEF_OPENAI_API_KEY',
  'DEBRIEF_OPENAI_TOOL_CHOICE',
  'DEBRIEF_OPENAI_TIMEOUT_MS',
  'DEBRIEF_ASR_URL',
  'DEBRIEF_ASR_MODEL',
  'DEBRIEF_ASR_API_KEY',
  'DEBRIEF_ASR_PATH',
  'DEBRIEF_NO_INSTALL',
  'DEBRIEF_BURST_CALLS',
  'DEBRIEF_KEEP_TEST_DIRS',
  'DEBRIEF_SHARED_DIR',
  'DEBRIEF_SST_KEEP',
  'DEBRIEF_SST_RESULT',
  'DEBRIEF_SST_STAGE',
  'DEBRIEF_TRACE_IMPORTS',
] as const;

/** Edits (insert, delete, replace a character) between a and b. */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]!;
};

/**
 * Refuses a DEBRIEF_* variable that is neither a deploy setting nor a known other one: a misspelt
 * setting (DEBRIEF_RETENTION_RESULT_DAYS) would otherwise be ignored and its default deployed.
 */
const refuseUnknownSettings = (env: Record<string, string | undefined>) => {
  const known = new Set<string>([...DEPLOY_SETTINGS, ...NOT_DEPLOY_SETTINGS]);
  const unknown = Object.keys(env).filter((name) => name.startsWith('DEBRIEF_') && !known.has(name));
  if (unknown.length === 0) return;
  const guess = (name: string) => {
    const [closest] = [...known].sort((a, b) => distance(name, a) - distance(name, b));
    return closest && distance(name, closest) <= 3 ? ` (did you mean ${closest}?)` : '';
  };
  throw new Error(
    `invalid deploy configuration: ${unknown.map((n) => `${n}${guess(n)}`).join(', ')}: not a deploy setting. The deploy settings are ${DEPLOY_SETTINGS.join(', ')} (README "Deploying to AWS"); local-mode and CLI variables (${NOT_DEPLOY_SETTINGS.join(', ')}) are let through; unset anything else`,
  );
};

/**
 * A deploy setting's value, undefined when unset. Set but empty (or blank) is refused: an empty
 * value read as a number is 0 and as a list is nothing, never what whoever set it meant; unset
 * it for the default.
 */
export const deploySetting = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const value = env[name];
  if (value !== undefined && value.trim() === '')
    throw new Error(
      `invalid deploy configuration: ${name} is set but empty: unset it for its default, or give it a value`,
    );
  return value;
};

const TRUE = ['true', 'yes', '1'];
const FALSE = ['false', 'no', '0'];
/** A yes/no setting: true/false, yes/no or 1/0 in any case; anything else is refused. */
const booleanSetting = (env: Record<string, string | undefined>, name: string, unset: boolean): boolean => {
  const value = deploySetting(env, name)?.trim().toLowerCase();
  if (value === undefined) return unset;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new Error(
    `invalid deploy configuration: ${name}: true or false (also yes/no or 1/0, any case), not "${env[name]}"`,
  );
};

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * From the deploy shell (`DEBRIEF_TOPICS_ENDPOINT=my-endpoint npx sst deploy`). Throws a readable
 * error naming the setting on bad input (an empty value included), before anything is created.
 */
export const deployConfigFromEnv = (env: Record<string, string | undefined>): DeployConfig => {
  refuseUnknownSettings(env);
  for (const name of DEPLOY_SETTINGS) deploySetting(env, name);
  const principals = list(env.DEBRIEF_QUICKSIGHT_PRINCIPALS);
  const genesys = [
    'DEBRIEF_GENESYS_API_BASE',
    'DEBRIEF_GENESYS_CLIENT_ID',
    'DEBRIEF_GENESYS_CLIENT_SECRET_ARN',
  ];
  const genesysMissing = genesys.filter((k) => !env[k]);
  if (genesysMissing.length > 0 && genesysMissing.length < genesys.length)
    throw new Error(
      `invalid deploy configuration: genesysUsersApi: ${genesys.join(', ')} go together (missing ${genesysMissing.join(', ')})`,
    );
  const fileNameStart =
    env.DEBRIEF_FILENAME_DATETIME_REGEX || env.DEBRIEF_FILENAME_UTC_OFFSET || env.DEBRIEF_FILENAME_TIMEZONE
      ? {
          ...(env.DEBRIEF_FILENAME_DATETIME_REGEX ? { regex: env.DEBRIEF_FILENAME_DATETIME_REGEX } : {}),
          ...(env.DEBRIEF_FILENAME_UTC_OFFSET ? { utcOffset: env.DEBRIEF_FILENAME_UTC_OFFSET } : {}),
          ...(env.DEBRIEF_FILENAME_TIMEZONE ? { timeZone: env.DEBRIEF_FILENAME_TIMEZONE } : {}),
        }
      : undefined;
  try {
    fileNameStartSettings(fileNameStart?.regex, fileNameStart?.utcOffset, fileNameStart?.timeZone);
  } catch (error) {
    throw new Error(`invalid deploy configuration: fileNameStart: ${(error as Error).message}`);
  }
  const parsed = DeployConfig.safeParse({
    ...(fileNameStart ? { fileNameStart } : {}),
    topicsEndpoint: env.DEBRIEF_TOPICS_ENDPOINT ?? NONE,
    summaryModelId: env.DEBRIEF_SUMMARY_MODEL_ID ?? 'amazon.nova-lite-v1:0',
    toxicityRegion: env.DEBRIEF_TOXICITY_REGION ?? DEPLOY_REGION,
    toxicityThreshold: env.DEBRIEF_TOXICITY_THRESHOLD ?? 0.5,
    piiMode: env.DEBRIEF_PII_MODE ?? 'default',
    quicksight:
      principals.length > 0
        ? {
            principals,
            serviceRole: env.DEBRIEF_QUICKSIGHT_SERVICE_ROLE ?? 'aws-quicksight-service-role-v0',
          }
        : false,
    alarmEmails: list(env.DEBRIEF_ALARM_EMAILS),
    genesysUsersApi:
      env.DEBRIEF_GENESYS_API_BASE || env.DEBRIEF_GENESYS_CLIENT_ID || env.DEBRIEF_GENESYS_CLIENT_SECRET_ARN
        ? {
            apiBase: env.DEBRIEF_GENESYS_API_BASE,
            clientId: env.DEBRIEF_GENESYS_CLIENT_ID,
            clientSecretArn: env.DEBRIEF_GENESYS_CLIENT_SECRET_ARN,
          }
        : false,
    transcription: {
      agentChannel: Number(env.DEBRIEF_AGENT_CHANNEL ?? 1),
      languages: list(env.DEBRIEF_LANGUAGES ?? 'en-US'),
      redactionOutput: env.DEBRIEF_REDACTION_OUTPUT ?? 'redacted',
      piiEntityTypes: list(env.DEBRIEF_PII_ENTITY_TYPES),
      keepUnredacted: booleanSetting(env, 'DEBRIEF_KEEP_UNREDACTED', false),
      summarize: booleanSetting(env, 'DEBRIEF_TRANSCRIBE_SUMMARY', true),
    },
    retentionDays: {
      work: Number(env.DEBRIEF_RETENTION_WORK_DAYS ?? 14),
      results: Number(env.DEBRIEF_RETENTION_RESULTS_DAYS ?? 400),
      quarantine: Number(env.DEBRIEF_RETENTION_QUARANTINE_DAYS ?? 90),
      athenaResults: Number(env.DEBRIEF_RETENTION_ATHENA_RESULTS_DAYS ?? 30),
    },
  });
  if (!parsed.success)
    throw new Error(
      `invalid deploy configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  // No refusal when DEBRIEF_LANGUAGES names no English language: transcripts dropped into inbox/
  // and stored ones a reprocess reads carry their own language, and an English one is measured;
  // a call in another language is simply not sent (toxicityNotMeasured), so nothing is billed.
  return parsed.data;
};

/** Names and ARNs the functions need at run time (known only once resources exist). */
export interface RuntimeRefs {
  region: string;
  bucket: string;
  kmsKeyArn: string;
  stateMachineArn: string;
  aniHashSecretArn: string;
  athenaWorkgroup: string;
  glueDatabase: string;
  transcribeRoleArn: string;
}

/** The Lambda environment, from the same config: what functions/config.ts parses. */
export const lambdaEnvironment = (config: DeployConfig, refs: RuntimeRefs): Record<string, string> => ({
  DEBRIEF_BUCKET: refs.bucket,
  DEBRIEF_KMS_KEY_ID: refs.kmsKeyArn,
  DEBRIEF_STATE_MACHINE_ARN: refs.stateMachineArn,
  DEBRIEF_ANI_HASH_SECRET_ARN: refs.aniHashSecretArn,
  DEBRIEF_ATHENA_WORKGROUP: refs.athenaWorkgroup,
  DEBRIEF_GLUE_DATABASE: refs.glueDatabase,
  DEBRIEF_TOPICS_ENDPOINT: config.topicsEndpoint,
  DEBRIEF_SUMMARY_MODEL_ID: config.summaryModelId,
  DEBRIEF_TOXICITY_REGION: config.toxicityRegion === DEPLOY_REGION ? refs.region : config.toxicityRegion,
  DEBRIEF_TOXICITY_THRESHOLD: String(config.toxicityThreshold),
  DEBRIEF_TRANSCRIBE_ROLE_ARN: refs.transcribeRoleArn,
  DEBRIEF_AGENT_CHANNEL: String(config.transcription.agentChannel),
  DEBRIEF_LANGUAGES: config.transcription.languages.join(','),
  DEBRIEF_REDACTION_OUTPUT: config.transcription.redactionOutput,
  DEBRIEF_PII_ENTITY_TYPES: config.transcription.piiEntityTypes.join(','),
  DEBRIEF_KEEP_UNREDACTED: String(config.transcription.keepUnredacted),
  DEBRIEF_TRANSCRIBE_SUMMARY: String(config.transcription.summarize),
  DEBRIEF_PII_MODE: config.piiMode,
  ...(config.fileNameStart?.regex ? { DEBRIEF_FILENAME_DATETIME_REGEX: config.fileNameStart.regex } : {}),
  ...(config.fileNameStart?.utcOffset ? { DEBRIEF_FILENAME_UTC_OFFSET: config.fileNameStart.utcOffset } : {}),
  ...(config.fileNameStart?.timeZone ? { DEBRIEF_FILENAME_TIMEZONE: config.fileNameStart.timeZone } : {}),
  ...(config.genesysUsersApi
    ? {
        DEBRIEF_GENESYS_API_BASE: config.genesysUsersApi.apiBase,
        DEBRIEF_GENESYS_CLIENT_ID: config.genesysUsersApi.clientId,
        DEBRIEF_GENESYS_CLIENT_SECRET_ARN: config.genesysUsersApi.clientSecretArn,
      }
    : {}),
  // Structured JSON logs (Powertools) with the call id on every line.
  POWERTOOLS_SERVICE_NAME: 'debrief',
  POWERTOOLS_LOG_LEVEL: 'INFO',
});
