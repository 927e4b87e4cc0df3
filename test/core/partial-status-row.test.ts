import { describe, expect, it } from 'vitest';
import { processedStatusRow } from '../../core/rows.js';
import { callWithTurns } from '../enrich/call-fixture.js';

const doc = callWithTurns([['CUSTOMER', 'I was charged twice.']]);
const at = '2026-03-04T05:06:07.000Z';

describe('call_status.error_name of a landed call', () => {
  it('is null for a processed call', () => {
    expect(processedStatusRow(doc, at)).toMatchObject({ state: 'processed', stage: null, error_name: null });
  });

  it("names each failed part's error type, in the order stage names the parts", () => {
    const partial = {
      ...doc,
      problems: [
        { part: 'topics', reason: 'endpoint returned 500', errorName: 'EngineError' },
        {
          part: 'summary',
          reason: 'the step did not finish within its time limit',
          errorName: 'States.Timeout',
        },
      ],
    };
    expect(processedStatusRow(partial, at)).toMatchObject({
      state: 'partial',
      stage: 'topics,summary',
      error_name: 'EngineError,States.Timeout',
    });
  });

  it('is null for a partial call whose document predates error names', () => {
    const old = { ...doc, problems: [{ part: 'summary', reason: 'model retired' }] };
    expect(processedStatusRow(old, at)).toMatchObject({ state: 'partial', error_name: null });
  });
});
