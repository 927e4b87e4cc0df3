/**
 * Which of the neighbouring file formats a dropped JSON document is. People drop what their
 * tools export: Contact Lens analysis files, standard Transcribe output, the AWS PCA sample's
 * parsed output, real-time stream events, Genesys records and recording metadata under the
 * wrong name. Recognising them turns a schema dump into one line that says what the file is and
 * what to drop instead. The shapes are listed, with where each was seen, in test/fixtures/*\/README.md.
 */
export type FormatKind =
  | 'transcribe-call-analytics'
  | 'contact-lens'
  | 'transcribe-standard'
  | 'pca-parsed'
  | 'transcribe-stream-events'
  | 'genesys-conversation'
  | 'genesys-query-response'
  | 'genesys-conversations-api'
  | 'recording-metadata'
  | 'genesys-users'
  | 'genesys-queues'
  | 'unknown';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

const STREAM_EVENTS = [
  'UtteranceEvent',
  'CategoryEvent',
  'TranscriptEvent',
  'CallAnalyticsTranscriptResultStream',
];

/** Fields only a routing Queue has (`GET /api/v2/routing/queues`), never a User. */
const QUEUE_FIELDS = [
  'memberCount',
  'mediaSettings',
  'acwSettings',
  'skillEvaluationMethod',
  'queueFlow',
  'bullseye',
];
const isQueue = (o: Json): boolean => 'id' in o && 'name' in o && QUEUE_FIELDS.some((f) => f in o);

const looksLikeRecordingMetadata = (o: Json): boolean =>
  !('participants' in o) &&
  !('Transcript' in o) &&
  (isObject(o.timing) ||
    'recordingId' in o ||
    ('startTime' in o && ('conversationId' in o || 'endTime' in o)));

export const recogniseFormat = (json: unknown): FormatKind => {
  if (Array.isArray(json)) {
    const items = objects(json);
    if (items.some((i) => STREAM_EVENTS.some((e) => e in i))) return 'transcribe-stream-events';
    if (items.length > 0 && items.every((i) => 'startTime' in i && ('conversationId' in i || 'id' in i)))
      return 'recording-metadata';
    if (items.length > 0 && items.every((i) => 'conversationId' in i && 'participants' in i))
      return 'genesys-query-response';
    if (items.length > 0 && items.every(isQueue)) return 'genesys-queues';
    if (items.length > 0 && items.every((i) => 'id' in i && 'name' in i)) return 'genesys-users';
    return 'unknown';
  }
  if (!isObject(json)) return 'unknown';
  const turns = objects(json.Transcript);
  if (
    'CustomerMetadata' in json ||
    (turns.length > 0 &&
      turns.some((t) => 'ParticipantId' in t) &&
      !turns.some((t) => 'ParticipantRole' in t))
  )
    return 'contact-lens';
  if (Array.isArray(json.Transcript)) return 'transcribe-call-analytics';
  if (isObject(json.results) && ('transcripts' in json.results || 'items' in json.results))
    return 'transcribe-standard';
  if ('ConversationAnalytics' in json && 'SpeechSegments' in json) return 'pca-parsed';
  if (STREAM_EVENTS.some((e) => e in json)) return 'transcribe-stream-events';
  if ('conversationId' in json && Array.isArray(json.participants)) return 'genesys-conversation';
  if (Array.isArray(json.conversations)) return 'genesys-query-response';
  // GET /api/v2/conversations/{id}: `id` (no conversationId), participants with `calls`, no segments;
  // GET /api/v2/conversations/calls/{id}: participants that are the calls, with their `state`
  // (helper-218: that one still got the schema's complaint about conversationId).
  if (
    typeof json.id === 'string' &&
    objects(json.participants).some(
      (p) =>
        Array.isArray(p.calls) ||
        Array.isArray(p.callbacks) ||
        (typeof p.purpose === 'string' && typeof p.state === 'string' && !('sessions' in p)),
    )
  )
    return 'genesys-conversations-api';
  if (objects(json.entities).some(isQueue)) return 'genesys-queues';
  if (
    objects(json.entities).some((e) => 'id' in e && 'name' in e) ||
    objects(json.results).some((e) => 'id' in e && 'name' in e)
  )
    return 'genesys-users';
  if (looksLikeRecordingMetadata(json)) return 'recording-metadata';
  return 'unknown';
};

const jobName = (json: unknown): string | null => {
  if (!isObject(json)) return null;
  const name = json.jobName ?? json.JobName;
  return typeof name === 'string' ? ` (job ${name})` : '';
};

/**
 * One line for a file dropped as a call's transcript that is not Transcribe Call Analytics
 * output, or null when it looks like one (then the schema decides).
 */
export const foreignTranscript = (json: unknown, stem: string): string | null => {
  const tca = `${stem}.tca.json`;
  switch (recogniseFormat(json)) {
    case 'transcribe-call-analytics':
      return null;
    case 'unknown':
      // JSON of no format we know and without even a Transcript list: say what to drop, not the
      // schema's first complaint ("Transcript: Invalid input: expected array, received undefined").
      // One with a Transcript is left to the schema, which names what is wrong in it.
      return isObject(json) && 'Transcript' in json
        ? null
        : `this is not Transcribe Call Analytics output (it has no Transcript list of turns): drop the call's Call Analytics output (batch job or real-time post-call transcript) as ${tca}`;
    case 'contact-lens':
      return `this is an Amazon Connect Contact Lens analysis file (turns by ParticipantId, no ParticipantRole), not Transcribe Call Analytics output: drop the call's Call Analytics output (batch job or real-time post-call transcript) as ${tca}`;
    case 'transcribe-standard':
      return `this is standard Amazon Transcribe output${jobName(json)} with no agent/customer roles or call analytics: transcribe the stereo recording with Call Analytics (StartCallAnalyticsJob, one channel per party) and drop that output as ${tca}`;
    case 'pca-parsed':
      return `this is the AWS Post-Call Analytics sample's parsed output (ConversationAnalytics + SpeechSegments), not Transcribe output: drop the Call Analytics output it was parsed from as ${tca}`;
    case 'transcribe-stream-events':
      return `these are real-time Call Analytics stream events, not the post-call output: enable post-call analytics on the stream (PostCallAnalyticsSettings) and drop the transcript it writes to S3 as ${tca}`;
    case 'genesys-conversation':
    case 'genesys-query-response':
      return `this is a Genesys conversation detail record, not a transcript: name it ${stem}.ctr.json and drop the call's Call Analytics output as ${tca}`;
    case 'genesys-conversations-api':
      return `this is a Genesys conversation from the Conversations API (/api/v2/conversations/{id} or /calls/{id}), not a transcript: drop the call's Call Analytics output as ${tca}, and its conversation detail record (/api/v2/analytics/conversations/details) as ${stem}.ctr.json`;
    case 'recording-metadata':
      return `this is recording metadata, not a transcript: name it ${stem}.recording.json and drop the call's Call Analytics output as ${tca}`;
    case 'genesys-users':
      return `this is a Genesys users export, not a transcript: name it genesys-users.json (it names agents) and drop the call's Call Analytics output as ${tca}`;
    case 'genesys-queues':
      return `this is a Genesys queues export, not a transcript: name it genesys-queues.json (it names queues) and drop the call's Call Analytics output as ${tca}`;
  }
};

/** One line for a file dropped as a call's Genesys record that is another known format, else null. */
export const foreignConversationRecord = (json: unknown, stem: string): string | null => {
  const kind = recogniseFormat(json);
  const instead = `drop the conversation detail record from the Genesys Analytics API (/api/v2/analytics/conversations/details) as ${stem}.ctr.json`;
  switch (kind) {
    case 'transcribe-call-analytics':
      return `this is Transcribe Call Analytics output, not a Genesys record: name it ${stem}.tca.json and ${instead}`;
    case 'contact-lens':
      return `this is an Amazon Connect Contact Lens analysis file, not a Genesys record: ${instead}`;
    case 'transcribe-standard':
      return `this is standard Amazon Transcribe output, not a Genesys record: ${instead}`;
    case 'pca-parsed':
      return `this is the AWS Post-Call Analytics sample's parsed output, not a Genesys record: ${instead}`;
    case 'genesys-users':
      return `this is a Genesys users export, not a conversation record: name it genesys-users.json and ${instead}`;
    case 'genesys-queues':
      return `this is a Genesys queues export, not a conversation record: name it genesys-queues.json and ${instead}`;
    case 'genesys-conversations-api':
      return `this is a conversation from the Genesys Conversations API (/api/v2/conversations/{id} or /calls/{id}: participants' calls, no segments to time the IVR, queue, hold and handle by), not its detail record: ${instead}`;
    default:
      return null;
  }
};
