import { describe, expect, it } from 'vitest';
import { redactDocument, redactSummary } from '../../core/pii/index.js';
import { redactDerivedText } from '../../core/pii/redact-text.js';
import { CallDocument, Word } from '../../schemas/call-document.js';
import { compileCanonicalForm } from '../../schemas/canonical-check.js';
import { callWithTurns } from '../enrich/call-fixture.js';

const call = () =>
  callWithTurns([
    ['AGENT', 'Can I have your social please?'],
    ['CUSTOMER', "It's five two one, four four, six oh nine eight."],
    ['AGENT', 'Thanks, [PII]. And the best number to reach you?'],
    ['CUSTOMER', 'Five one two, five five five, oh one four two. My order number is seven seven one two.'],
  ]);

describe('redactDocument', () => {
  it('redacts the turns, lists the redactions and records the redactor in lineage', () => {
    const doc = redactDocument(call(), 'default');
    expect(doc.turns.map((t) => t.text)).toEqual([
      'Can I have your social please?',
      "It's [PII].",
      'Thanks, [PII]. And the best number to reach you?',
      '[PII]. My order number is seven seven one two.',
    ]);
    expect(doc.pii?.mode).toBe('default');
    expect(doc.pii?.redactions.map((r) => [r.turn, r.type, r.upstream])).toEqual([
      [1, 'SSN', false],
      [2, 'NUMBER', true],
      [3, 'PHONE', false],
    ]);
    expect(doc.lineage.pii).toEqual({
      engine: 'debrief-pii',
      version: '1.1.0',
      model: null,
      promptHash: null,
      note: 'mode=default',
    });
    // Turns that came without word items get none invented.
    expect(doc.turns.every((t) => t.words.length === 0)).toBe(true);
    expect(doc.redacted).toBe(true);
  });

  it('strict also takes the order number; off changes nothing but counts what is already redacted', () => {
    expect(redactDocument(call(), 'strict').turns[3]!.text).toBe('[PII]. My order number is [PII].');
    const off = redactDocument(call(), 'off');
    expect(off.turns.map((t) => t.text)).toEqual(call().turns.map((t) => t.text));
    expect(off.pii).toMatchObject({ mode: 'off', redactions: [] });
    expect(off.lineage.pii?.note).toBe('mode=off');
  });

  it('refuses a transcript in a language it does not read that came unredacted, rather than land its values marked redacted (helper-215)', () => {
    // Prepare: a raw es-US transcript (a phone number as a Spanish speaker says it), the same
    // redacted where it was made, and English of other countries
    const spanish = (redacted: boolean): CallDocument => ({
      ...callWithTurns([
        ['AGENT', 'Gracias por llamar, ¿en qué puedo ayudarle?'],
        ['CUSTOMER', 'Mi número de teléfono es cinco cinco cinco dos tres cuatro cinco seis siete ocho.'],
      ]),
      language: 'es-US',
      redacted,
    });
    const problem = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    // Act
    const raw = problem(() => redactDocument(spanish(false), 'default'));
    const strict = problem(() => redactDocument(spanish(false), 'strict'));
    const upstream = redactDocument(spanish(true), 'default');
    const off = redactDocument(spanish(false), 'off');
    const english = ['en-GB', 'en-AU', 'EN-us', 'en', 'en_US'].map((language) =>
      problem(() => redactDocument({ ...call(), language }, 'default')),
    );
    // Assess
    expect(raw).toBe(
      'PiiLanguageError: call-1: the transcript is in es-US and was not redacted where it was made (ContentMetadata.Output is not "Redacted"); debrief\'s PII redactor reads English only (en-*), so its text would land unredacted',
    );
    expect(strict).toBe(raw);
    expect(upstream.redacted).toBe(true);
    expect(off.redacted).toBe(false);
    expect(off.turns[1]!.text).toContain('cinco cinco cinco');
    expect(english).toEqual([null, null, null, null, null]);
  });

  it("leaves words in the document's Word key order, so the result check keeps them without a copy", () => {
    // Word items as LoadCall builds them (schemas/call-document.ts Word), one already [PII] upstream.
    const base = call();
    const doc = {
      ...base,
      turns: base.turns.map((t) => ({
        ...t,
        words: t.text.split(' ').map((text, i) => ({
          text,
          beginMs: t.beginMs + i,
          endMs: t.beginMs + i + 1,
          confidence: text === '[PII].' ? null : 0.9,
          redaction: text === '[PII].' ? 'NAME' : null,
          punctuation: false,
        })),
      })),
    };
    const redacted = redactDocument(doc, 'default');
    expect(redacted.turns[1]!.words.map((w) => w.text)).toEqual(["It's", '[PII].']);
    const order = Object.keys(Word.shape);
    for (const t of redacted.turns) for (const w of t.words) expect(Object.keys(w)).toEqual(order);
    // WriteResults' check (core/call-store.ts resultDocument) takes such turns as they are.
    const checked = compileCanonicalForm(CallDocument)!(redacted)!;
    expect(checked).toEqual(CallDocument.parse(redacted));
    expect(checked.turns.every((t, i) => t === redacted.turns[i])).toBe(true);
  });

  it('refuses a mode it does not know (the step fails rather than run unredacted)', () => {
    expect(() => redactDocument(call(), 'bogus' as 'default')).toThrow();
  });
});

describe('redactSummary', () => {
  it('removes values an AI step wrote into any summary field and counts them', () => {
    const doc = call();
    const { value, redactions } = redactSummary(
      {
        summary: 'The caller, SSN 521-44-6098, asked to update the phone number to 512 555 0142.',
        reasonForCall: 'Update phone number',
        resolution: null,
        resolved: true,
        callbackNeeded: false,
        actionItems: ['Call back at (512) 555-0142'],
      },
      doc,
      'default',
    );
    expect(value.summary).toBe('The caller, SSN [PII], asked to update the phone number to [PII].');
    expect(value.reasonForCall).toBe('Update phone number');
    expect(value.actionItems).toEqual(['Call back at [PII]']);
    expect(redactions).toBe(3);
    expect(redactSummary(value, doc, 'default').redactions).toBe(0);
  });
});

describe('redactSummary: the action items with their owners (calls.actions)', () => {
  it("are cleaned as actionItems are, each value counted once (the review of 6724e7a: an engine's item landed in calls.actions whole)", () => {
    const doc = call();
    const item = 'Email jane.doe@example.com the card 4111 1111 1111 1111';
    const { value, redactions } = redactSummary(
      {
        summary: null,
        reasonForCall: null,
        resolution: null,
        resolved: null,
        callbackNeeded: null,
        actionItems: [item],
        actions: [
          { owner: 'agent', text: item },
          { owner: 'customer', text: 'Ring (512) 555-0142 on Monday' },
        ],
      },
      doc,
      'default',
    );
    expect(value.actionItems).toEqual(['Email [PII] the card [PII]']);
    expect(value.actions).toEqual([
      { owner: 'agent', text: 'Email [PII] the card [PII]' },
      { owner: 'customer', text: 'Ring [PII] on Monday' },
    ]);
    expect(redactions).toBe(3);
    expect(redactSummary(value, doc, 'off').value.actions).toEqual(value.actions);
  });
});

describe('redactDerivedText (Transcribe findings and summaries quote the transcript)', () => {
  it('removes values redacted from the turns even without the context that typed them', () => {
    const known = [
      { words: ['four', 'one', 'one', 'one', 'two', 'two'], digits: '411122' },
      { words: ['biscuit'], digits: '' },
    ];
    expect(redactDerivedText('is four one one one two two, thanks', known)).toEqual({
      text: 'is [PII], thanks',
      redactions: 1,
    });
    // The same number written as digits, and a security answer in a summary.
    expect(redactDerivedText('Customer confirmed 4111 22 and Biscuit.', known).text).toBe(
      'Customer confirmed [PII] and [PII].',
    );
    expect(redactDerivedText('Customer asked about the fee.', known)).toEqual({
      text: 'Customer asked about the fee.',
      redactions: 0,
    });
  });
});
