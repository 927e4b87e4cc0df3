import { describe, expect, it } from 'vitest';
import * as conversation from '../../generator/content/conversation.js';
import * as prompts from '../../generator/content/prompts.js';
import * as remarks from '../../generator/content/remarks.js';
import { SCRIPT_SLOTS } from '../../generator/content/slots.js';
import { TOPIC_CONTENT } from '../../generator/content/topics.js';
import { renderTemplate } from '../../generator/render-template.js';
import { Topic } from '../../generator/truth.js';

/** Every spoken string in the content modules (labels are data, not speech). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (key !== 'label' && key !== 'resembles') strings(v, out);
  }
  return out;
}

const templates = strings([conversation, prompts, remarks, TOPIC_CONTENT]);

describe('script content', () => {
  it('uses only known slots and characters the transcript can represent', () => {
    // Prepare
    const slots = Object.fromEntries(SCRIPT_SLOTS.map((name) => [name, 'word']));

    // Act
    const failures = templates.flatMap((template) => {
      try {
        renderTemplate(template, slots);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });

    // Assess
    expect(templates.length).toBeGreaterThan(250);
    expect(failures).toEqual([]);
  });

  it('rejects an unknown slot and punctuation Transcribe would not write', () => {
    // Act / Assess
    expect(() => renderTemplate('Hello {nobody}.', {})).toThrow(/nobody/);
    expect(() => renderTemplate('Costs $5: fine', {})).toThrow(/unsupported/);
  });

  it('has several phrasings per topic so a classifier is not tested on its training phrases', () => {
    for (const topic of Topic.options) {
      // Act
      const requests = TOPIC_CONTENT[topic].issues.flatMap((issue) => issue.requests);

      // Assess
      expect(TOPIC_CONTENT[topic].issues.length, topic).toBeGreaterThanOrEqual(2);
      expect(requests.length, topic).toBeGreaterThanOrEqual(5);
      expect(new Set(requests).size).toBe(requests.length);
    }
  });

  it('covers four toxicity labels and benign look-alikes', () => {
    // Act
    const labels = new Set(remarks.TOXIC_REMARKS.map((r) => r.label));

    // Assess
    expect(labels).toEqual(new Set(['INSULT', 'PROFANITY', 'VIOLENCE_OR_THREAT', 'HARASSMENT_OR_ABUSE']));
    expect(remarks.TRAPS.some((t) => /shoot you an email/.test(t.text))).toBe(true);
    expect(remarks.TRAPS.some((t) => /kill the session/.test(t.text))).toBe(true);
  });
});
