import { InvalidInputError } from '../errors.js';

/**
 * The conversation inside a dropped CTR file. Exporters write either the conversation itself
 * or the Analytics API's query response (`{"conversations": [...]}`); from a response, take the
 * recording's conversation, or the only one.
 */
export const unwrapConversation = (json: unknown, conversationId: string | null = null): unknown => {
  if (typeof json !== 'object' || json === null || !('conversations' in json)) return json;
  const { conversations } = json as { conversations: unknown };
  if (!Array.isArray(conversations)) return json;
  const byId = (c: unknown) =>
    typeof c === 'object' &&
    c !== null &&
    (c as { conversationId?: unknown }).conversationId === conversationId;
  const picked = conversationId === null ? undefined : conversations.find(byId);
  if (picked) return picked;
  if (conversations.length === 1) return conversations[0];
  throw new InvalidInputError(
    'ctr',
    `query response with ${conversations.length} conversations and none matching the recording's`,
  );
};
