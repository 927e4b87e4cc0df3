import { CallDocument } from '../schemas/call-document.js';
import { InvalidInputError } from './errors.js';
import type { ObjectStore } from './ports/object-store.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read an input file as JSON; any failure is the file's fault, so it is an InvalidInputError. */
export const readJson = async (store: ObjectStore, key: string, label: string): Promise<unknown> => {
  const bytes = await store.get(key);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InvalidInputError(label, `${key} is not UTF-8 text`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(label, `${key} is not valid JSON (${(error as Error).message})`);
  }
};

export const documentKeyFor = (workPrefix: string, callId: string): string =>
  `${workPrefix}/${callId}/call.json`;

export const loadDocument = async (store: ObjectStore, key: string): Promise<CallDocument> =>
  CallDocument.parse(JSON.parse(new TextDecoder().decode(await store.get(key))));

export const saveDocument = async (store: ObjectStore, key: string, doc: CallDocument): Promise<void> =>
  store.put(key, JSON.stringify(CallDocument.parse(doc), null, 1), 'application/json');
