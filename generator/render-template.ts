import type { Fragment } from './customer-profile.js';

export type SlotValue = string | Fragment;
export type Slots = Readonly<Record<string, SlotValue>>;

/** A script template used a slot nobody fills, or characters the transcript cannot represent. */
export class TemplateError extends Error {
  override name = 'TemplateError' as const;
}

const SLOT = /\{([a-zA-Z0-9]+)\}/g;
const ALLOWED = /^[A-Za-z0-9'\- .,?!]*$/;

/** Fills `{slot}`s; PII slots stay separate fragments so their words can be tracked and redacted. */
export function renderTemplate(template: string, slots: Slots): Fragment[] {
  const out: Fragment[] = [];
  const pushPlain = (text: string) => {
    if (!text) return;
    if (!ALLOWED.test(text)) throw new TemplateError(`unsupported characters in ${JSON.stringify(text)}`);
    const last = out[out.length - 1];
    if (last && last.pii === null) last.text += text;
    else out.push({ text, pii: null });
  };
  let at = 0;
  for (const match of template.matchAll(SLOT)) {
    pushPlain(template.slice(at, match.index));
    const name = match[1]!;
    const value = slots[name];
    if (value === undefined)
      throw new TemplateError(`no value for slot {${name}} in ${JSON.stringify(template)}`);
    if (typeof value === 'string') pushPlain(value);
    else if (value.pii === null) pushPlain(value.text);
    else {
      if (!ALLOWED.test(value.text))
        throw new TemplateError(`unsupported characters in ${JSON.stringify(value.text)}`);
      out.push({ text: value.text, pii: value.pii });
    }
    at = match.index + match[0].length;
  }
  pushPlain(template.slice(at));
  return out;
}

/** A template rendered to plain text (reference summaries), PII included as spoken. */
export function renderText(template: string, slots: Slots): string {
  return renderTemplate(template, slots)
    .map((f) => f.text)
    .join('');
}
