import { CallDocument } from '../schemas/call-document.js';
import { compileCanonicalForm } from '../schemas/canonical-check.js';
import { type RecordingHeader, readRecordingHeader } from './audio/recording-header.js';
import { InputVanishedError, InvalidInputError, ObjectNotFoundError } from './errors.js';
import { isJsonPrefix } from './json-prefix.js';
import { objectName, stampOf, uniqueToken } from './object-names.js';
import type { ObjectStore, ObjectStoreWithHead } from './ports/object-store.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file's own name: reasons name the file a person dropped, not where we copied it. */
export const fileNameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/**
 * A recording's header, by ranged reads (its first 64 KiB, and chunk headers after them; never the
 * whole file). Throws as readRecordingHeader does (InvalidAudioError for what is not a recording)
 * and ObjectNotFoundError when there is none.
 */
export const readStoredRecordingHeader = async (
  store: ObjectStoreWithHead,
  key: string,
): Promise<RecordingHeader> =>
  readRecordingHeader(
    (start, end) => store.getRange(key, start, end),
    (await store.head(key)).size,
    fileNameOf(key),
  );

/**
 * `read` of a dropped file at `key` (the recording, the CTR, the recording metadata, a transcript),
 * where the file no longer being there (deleted or moved after it arrived) is InputVanishedError,
 * the input's fault, said as such with the file's name; the store's own ObjectNotFoundError is no
 * input fault, and would keep the call's claim on bytes it never read.
 */
export const readingInput = async <T>(key: string, read: () => Promise<T>): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.key === key)
      throw new InputVanishedError(fileNameOf(key));
    throw error;
  }
};

/**
 * The object's bytes, or null when there is none (never written, or removed since: `debrief
 * forget`, a run that dropped it). Any other failure of the store (throttled, unavailable) throws:
 * taken for "none", it would make a caller act as if the object had never been written.
 */
export const getIfPresent = async (store: ObjectStore, key: string): Promise<Uint8Array | null> => {
  try {
    return await store.get(key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
};

/**
 * Where in the text JSON.parse gave up, as line and column. V8's message also quotes the text
 * around that point, which may be a caller's phone number: it is never passed on. A text that runs
 * out inside a value that is right so far (`{"a": "ab`, `{"a": 12`, `[1,`: V8 says "Unterminated
 * string", "Expected ',' or '}'" or "Unexpected end" for these), or that ends in NUL bytes after
 * such a start (a copier that sized the file first), was cut off before its end: it says so, not
 * "syntax error" at its last line.
 */
export const jsonErrorPosition = (text: string, error: unknown): string => {
  const message = error instanceof Error ? error.message : '';
  if (text.trim() === '') return 'the file is empty';
  if (/Unexpected end of JSON input/i.test(message) || isJsonPrefix(text.replace(/\0+$/u, '')))
    return 'cut off before its end';
  const position = errorOffset(text, message);
  if (position === null) return 'syntax error';
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `syntax error at line ${line}, column ${column}`;
};

/**
 * The offset of a JSON.parse error: V8 says `at position N`, or (for an unexpected token) quotes
 * about ten characters around it, which are found again in the text.
 */
const errorOffset = (text: string, message: string): number | null => {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const quoted = /Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  const token = quoted?.[1];
  const snippet = quoted?.[3];
  if (!token || !snippet) return null;
  const start = text.indexOf(snippet);
  if (start < 0) return null;
  const inSnippet = quoted[2] ? Math.min(10, snippet.length - 1) : snippet.indexOf(token);
  return start + Math.max(0, inSnippet);
};

/** Read an input file as JSON; any failure is the file's fault, so it is an InvalidInputError. */
export const readJson = async (store: ObjectStore, key: string, label: string): Promise<unknown> => {
  const bytes = await store.get(key);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InvalidInputError(label, `${fileNameOf(key)} is not UTF-8 text`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(
      label,
      `${fileNameOf(key)} is not valid JSON (${jsonErrorPosition(text, error)})`,
    );
  }
};

/**
 * Each execution gets its own working folder: two executions of one call (a re-upload while
 * the first still runs, on AWS) never read or overwrite each other's document.
 */
export const documentKeyFor = (workPrefix: string, callId: string, now: string): string =>
  `${workPrefix}/${objectName(callId)}/${stampOf(now)}.${uniqueToken()}/call.json`;

/** The execution's working folder, from its document key. */
export const workFolderOf = (documentKey: string): string =>
  documentKey.slice(0, documentKey.lastIndexOf('/'));

/**
 * The execution's working document. A store that keeps documents as values (local mode) hands
 * back the very document the last step saved (built and typed by our own code); one read back
 * from bytes (another process, another Lambda, a file) is validated.
 */
export const loadDocument = async (store: ObjectStore, key: string): Promise<CallDocument> => {
  const kept = store.documents?.get(key);
  if (kept !== undefined) return kept as CallDocument;
  return CallDocument.parse(JSON.parse(new TextDecoder().decode(await store.get(key))));
};

/** CallDocument.parse's result where that is quick to tell (schemas/canonical-check.ts). */
const canonicalDocument = compileCanonicalForm(CallDocument);

/**
 * The execution's document as it leaves the step chain (WriteResults writes it as the call's
 * result): validated once here, whatever the store, and so in the schema's own shape and key
 * order, the same bytes whether the steps passed it in memory or on disk. A document kept in
 * memory whose every value zod would keep as it is (as our steps build it) is not copied whole:
 * only its objects whose keys are out of the schema's order are (the document itself), to the
 * same keys in the same order as zod's copy.
 */
export const resultDocument = async (store: ObjectStore, key: string): Promise<CallDocument> => {
  const kept = store.documents?.get(key);
  if (kept !== undefined) return canonicalDocument?.(kept) ?? CallDocument.parse(kept);
  return loadDocument(store, key);
};

/**
 * A call document as text: one line per top-level field, and each element of a list of objects
 * (the turns, the problems, the journey) on a line of its own, every line compact JSON. It reads
 * a turn per line (`grep`, `less`) and parses to exactly what `JSON.stringify(doc)` does.
 * `JSON.stringify(doc, null, 1)`, written before, took 0.9 ms for a generated call's document
 * (90 kB) once the document held one character beyond Latin-1 (the summary's "—", a curly quote
 * in a transcript): V8 builds that indented text as a string it then has to flatten to write it
 * (0.2 ms without indentation, 0.28 ms this way; 1.4 ms against 0.17 ms on Node 22). The text is
 * also 30% shorter. Anything but a plain object is written as `JSON.stringify` writes it.
 */
export const documentText = (doc: unknown): string => {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || 'toJSON' in doc)
    return JSON.stringify(doc);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    // as JSON.stringify: a field that is undefined, a function or a symbol is left out
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((item) => item !== null && typeof item === 'object')
    )
      lines.push(
        ` ${JSON.stringify(key)}: [\n${value.map((item) => `  ${JSON.stringify(item)}`).join(',\n')}\n ]`,
      );
    else lines.push(` ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  }
  return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
};

/** documentBytes' buffer, kept between calls and grown when a document needs more. */
let documentScratch = Buffer.allocUnsafeSlow(1 << 18);

/**
 * documentText's bytes (UTF-8), the same bytes, without ever building the text: each piece (a
 * field, a turn, the separators) is encoded into one buffer kept for the purpose as it is made,
 * and the bytes are copied out once. The text as one string cost about half again as much: the
 * pieces joined, the lines joined again, then the whole flattened and encoded (0.44 against 0.30
 * ms for a generated call's document). Pieces are whole JSON texts (JSON.stringify escapes lone
 * surrogates) and ASCII separators, so encoding them apart gives the text's own bytes.
 */
export const documentBytes = (doc: unknown): Uint8Array => {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || 'toJSON' in doc)
    return Buffer.from(documentText(doc), 'utf8');
  let at = 0;
  const put = (piece: string | undefined): void => {
    // (a toJSON that returns undefined: the text documentText's template makes of it)
    if (piece === undefined) piece = 'undefined';
    // at most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units)
    if (documentScratch.length - at < 3 * piece.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * documentScratch.length, at + 3 * piece.length));
      documentScratch.copy(grown, 0, 0, at);
      documentScratch = grown;
    }
    at += documentScratch.write(piece, at, 'utf8');
  };
  let fields = 0;
  for (const [key, value] of Object.entries(doc)) {
    // as JSON.stringify (and documentText): undefined, a function or a symbol is left out
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    put(fields === 0 ? '{\n ' : ',\n ');
    fields += 1;
    put(JSON.stringify(key));
    if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((item) => item !== null && typeof item === 'object')
    ) {
      put(': [\n  ');
      for (let i = 0; i < value.length; i += 1) {
        if (i > 0) put(',\n  ');
        put(JSON.stringify(value[i]));
      }
      put('\n ]');
    } else {
      put(': ');
      put(JSON.stringify(value));
    }
  }
  put(fields === 0 ? '{}' : '\n}');
  return Buffer.from(documentScratch.subarray(0, at));
};

/**
 * Saved as built: the document comes from our own steps and is typed. What is validated is what
 * comes from outside the step: a document read back from bytes (another process, another
 * Lambda) in loadDocument, the inputs where LoadCall and MergeCtr read them, post-processors'
 * documents where PostProcess gets them back.
 */
export const saveDocument = async (store: ObjectStore, key: string, doc: CallDocument): Promise<void> => {
  if (store.documents?.set(key, doc)) return;
  await store.put(key, documentText(doc), 'application/json');
};
