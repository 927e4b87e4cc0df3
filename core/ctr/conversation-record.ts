import { InvalidInputError } from '../errors.js';

/**
 * The conversation inside a dropped CTR file. Exporters write either the conversation itself
 * or the Analytics API's query response (`{"conversations": [...]}`); from a response, take the
 * recording's conversation, else the one the call is named after, or the only one.
 */
export const unwrapConversation = (
  json: unknown,
  conversationId: string | null = null,
  file = 'the record',
  stem = 'the call',
  /** The recording metadata file dropped with it, when one was (it may name no conversation). */
  recordingFile: string | null = null,
  /** Why that file gave no recording to read a conversationId from (it may name one), when it gave none. */
  recordingUnread: string | null = null,
): unknown => {
  if (typeof json !== 'object' || json === null) return json;
  const response = json as { conversations?: unknown; totalHits?: unknown };
  // A query that found nothing: Genesys leaves the empty list out ({"totalHits": 0}), and records
  // that went through an ETL tool carry "conversations": null (helper-218: both got the schema's
  // complaint about conversationId, not this line).
  const conversations =
    response.conversations ??
    (typeof response.totalHits === 'number' && !('participants' in response) ? [] : undefined);
  if (!Array.isArray(conversations)) return json;
  const byId = (c: unknown) =>
    typeof c === 'object' &&
    c !== null &&
    (c as { conversationId?: unknown }).conversationId === conversationId;
  const picked = conversationId === null ? undefined : conversations.find(byId);
  if (picked) return picked;
  // Without a recording's word, the call's name: a bulk export (the jobs API's {conversations,
  // cursor, …}) dropped as <conversationId>.ctr.json holds the call's conversation among others
  // (the trial's 7 were refused although one was the file's). Only one such element says which.
  const named =
    conversationId === null
      ? conversations.filter(
          (c) =>
            typeof c === 'object' &&
            c !== null &&
            typeof (c as { conversationId?: unknown }).conversationId === 'string' &&
            (c as { conversationId: string }).conversationId.toLowerCase() === stem.toLowerCase(),
        )
      : [];
  if (named.length === 1) return named[0];
  if (conversations.length === 1) return conversations[0];
  // Which one is the call's: said so a person can act on it (helper-215: the old line named no
  // file, no fix, and "the recording's" when no recording metadata was dropped).
  const held = `holds ${conversations.length} conversations${named.length > 1 ? ` (${named.length} of them conversation ${stem}, the file's name)` : ''}`;
  const why =
    conversations.length === 0
      ? 'holds no conversation'
      : conversationId === null
        ? recordingFile === null
          ? `${held} and no recording metadata was dropped to say which is this call's`
          : recordingUnread !== null
            ? `${held} and its recording metadata (${recordingFile}) could not be read to say which is this call's (${recordingUnread})`
            : `${held} and its recording metadata (${recordingFile}) names no conversationId to say which is this call's`
        : `holds ${conversations.length} conversations and none is the recording's (conversationId ${conversationId})`;
  throw new InvalidInputError(
    'ctr',
    `${file} is an Analytics API query response that ${why}: drop the call's own conversation (one element of "conversations") as ${stem}.ctr.json`,
  );
};
