import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../cli/render-table.js';
import { jsonErrorPosition } from '../../core/call-store.js';
import { parseInstant } from '../../core/ctr/time.js';
import {
  failureReason,
  isControl,
  isRetryableFailure,
  MAX_REASON,
  maskPersonalDigits,
  quarantineReason,
} from '../../core/failure-reason.js';
import { MAX_NAME, objectName } from '../../core/object-names.js';

describe('quarantine reasons a person can act on (#11.11, #11.12)', () => {
  it('a step timeout says what happened and that the call runs again, not "States.Timeout: States.Timeout"', () => {
    const reason = quarantineReason({ Error: 'States.Timeout', Cause: 'States.Timeout' }, 'LoadCall');
    expect(reason).toBe(
      'the step in LoadCall did not finish within its time limit: tried again on the next run (a very large call on a busy machine may need a longer --step-timeout or a lower --concurrency)',
    );
    expect(isRetryableFailure('States.Timeout')).toBe(true);
    expect(isRetryableFailure('InvalidInputError')).toBe(false);
  });

  it("Transcribe refusing the request says so as the step put it (the deployment's fault, not retried by itself), not 'unexpected TranscriptionConfigError'", () => {
    const message =
      "Transcribe refused the job for call-7.wav: 1 validation error detected: Value 'debrief' at 'dataAccessRoleArn' failed to satisfy constraint; not the recording's fault: check the Transcribe settings";
    const cause = JSON.stringify({ errorType: 'TranscriptionConfigError', errorMessage: message });
    expect(quarantineReason({ Error: 'TranscriptionConfigError', Cause: cause }, 'StartTranscription')).toBe(
      message,
    );
  });

  it("a COMPLETED job with no transcript location is the service's fault: said as the adapter put it, and how to try again (on AWS no next run retries it: review22)", () => {
    const message =
      "Transcribe reported job call-7-0123456789abcdef COMPLETED with no transcript location (the service's fault, not the recording's)";
    const cause = JSON.stringify({ errorType: 'TranscriptionServiceError', errorMessage: message });
    expect(quarantineReason({ Error: 'TranscriptionServiceError', Cause: cause }, 'GetTranscription')).toBe(
      `${message}: upload the recording again to try once more (the same bytes find the same Transcribe job: delete that job first if it keeps answering so)`,
    );
  });

  it("a Lambda error's JSON cause is reduced to its message; an unknown one names the error, never a JSON dump", () => {
    const lambda = JSON.stringify({
      errorType: 'InvalidInputError',
      errorMessage: 'ctr: c.ctr.json is not valid JSON (syntax error at line 1, column 1)',
      trace: ['at x', 'at y'],
    });
    expect(failureReason({ Error: 'InvalidInputError', Cause: lambda })).toBe(
      'ctr: c.ctr.json is not valid JSON (syntax error at line 1, column 1)',
    );
    expect(failureReason({ Error: 'States.Runtime', Cause: '{"a":{"b":[1,2,3]}}' }, 'MergeCtr')).toBe(
      'unexpected States.Runtime in MergeCtr: no readable detail',
    );
  });

  it('every reason is one line of at most a few hundred characters without phone-like digits, whatever the error says', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.string({ maxLength: 40 }), (cause, name) => {
        const reason = quarantineReason({ Error: name || 'X', Cause: cause }, 'MergeCtr');
        expect([...reason].some(isControl)).toBe(false);
        expect(reason.length).toBeLessThanOrEqual(MAX_REASON + 200);
        expect(reason).not.toMatch(/\d(?:[\s().\-/]{0,2}\d){5,}/);
      }),
    );
  });

  it("a copy's reason names the call it is a copy of whole (digits, length and all, a line break a space); its words are masked and cut as any reason's", () => {
    const original = `2026-03-04 0417\n+1 512 555 0142 ${'billing '.repeat(40)}`;
    const reason = failureReason({
      Error: 'DuplicateRecordingError',
      Cause: JSON.stringify({
        errorMessage: `call 512 555 0142 back ${'please '.repeat(60)}`,
        copyOf: original,
      }),
    });
    const id = original.replace('\n', ' ').trim().replace(/\s+/g, ' ');
    expect(reason.startsWith(`a copy of call ${id}: call [number removed] back please`)).toBe(true);
    expect(reason.length).toBe(`a copy of call ${id}: `.length + MAX_REASON);
    expect(reason.endsWith('…')).toBe(true);
    // Without the call named apart (a cause written by hand), it is any reason.
    expect(failureReason({ Error: 'DuplicateRecordingError', Cause: 'a copy of call 5125550142' })).toBe(
      'a copy of call [number removed]',
    );
  });

  it('phone numbers however written are masked; ISO timestamps stay readable', () => {
    for (const n of ['+1 512 555 0142', '(512) 555-0142', 'tel:+15125550142', '512.555.0142', '5125550142'])
      expect(maskPersonalDigits(`ani ${n} is wrong`)).toBe(
        `ani ${n.startsWith('tel:') ? 'tel:' : ''}[number removed] is wrong`,
      );
    expect(maskPersonalDigits('segment ends before it starts (2026-03-02T14:00:00.000Z)')).toBe(
      'segment ends before it starts (2026-03-02T14:00:00.000Z)',
    );
  });

  it('hex hashes and byte counts in our own messages stay readable; a number beside them is still masked', () => {
    expect(maskPersonalDigits('models/topics/2026.3-5a1c9267bf70.json: trained on other topics')).toBe(
      'models/topics/2026.3-5a1c9267bf70.json: trained on other topics',
    );
    expect(
      maskPersonalDigits('truncated.wav: its data chunk declares 1234567 bytes but 19956 are present'),
    ).toBe('truncated.wav: its data chunk declares 1234567 bytes but 19956 are present');
    expect(maskPersonalDigits('call-5125550142.wav has 3 channels')).toBe(
      'call-[number removed].wav has 3 channels',
    );
    expect(maskPersonalDigits('card 4111 1111 1111 1111 in 0a87afda-00dd')).toBe(
      'card [number removed] in 0a87afda-00dd',
    );
  });

  it('UUID file names (Genesys conversation ids) stay whole, all-digit groups too, while numbers beside them are masked (found by the Genesys trial: 5 of 20 uuid4 names lost a piece)', () => {
    const ids = [
      '7d3b1f52-9e41-4c8a-b2d7-103948572615',
      '1b727962-9908-4777-9281-c16f44ecd5df',
      'c0a1e7b2-5555-4a6b-9c01-000000000005',
      '12345678-1234-4123-8123-123456789012',
      '7D3B1F52-9E41-4C8A-B2D7-103948572615',
    ];
    for (const id of ids)
      expect(
        maskPersonalDigits(
          `${id}.ctr.json: no recording beside it: drop ${id}.wav (card 4111 1111 1111 1111, ani +1 512 555 0142)`,
        ),
      ).toBe(
        `${id}.ctr.json: no recording beside it: drop ${id}.wav (card [number removed], ani [number removed])`,
      );
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(maskPersonalDigits(`drop ${id}.wav`)).toBe(`drop ${id}.wav`);
      }),
    );
    // Not a UUID (a group too long, or too short): masked as before
    expect(maskPersonalDigits('12345678-1234-4123-8123-1234567890123')).toBe('[number removed]');
  });

  it("a server's address stays readable in a reason (URL host and port, Node's bare 'ECONNREFUSED 127.0.0.1:18099'), while a phone number beside it is masked (found by the OpenAI-compatible engine's trial)", () => {
    expect(
      maskPersonalDigits(
        'summary: cannot reach http://127.0.0.1:18099/v1/chat/completions: connect ECONNREFUSED 127.0.0.1:18099',
      ),
    ).toBe(
      'summary: cannot reach http://127.0.0.1:18099/v1/chat/completions: connect ECONNREFUSED 127.0.0.1:18099',
    );
    expect(maskPersonalDigits('asr: http://llm-box-204711.local:11434/v1/audio/transcriptions: 500')).toBe(
      'asr: http://llm-box-204711.local:11434/v1/audio/transcriptions: 500',
    );
    expect(
      maskPersonalDigits('http://10.0.0.5:8080/v1 said: call me on 512.555.0142 or +1 512 555 0142'),
    ).toBe('http://10.0.0.5:8080/v1 said: call me on [number removed] or [number removed]');
    // A phone number written with dots is not an address (no port, or a group over 255), nor is
    // a card in a URL's user info or after its authority (the review of f7a2f0d)
    for (const phone of ['079.123.45.67', '+41 79.123.45.67', '91.123.45.67', '555.12.34.567'])
      expect(maskPersonalDigits(`caller ${phone}`)).toBe('caller [number removed]');
    expect(maskPersonalDigits('caller 079.123.45.67:80')).toBe('caller [number removed]:80');
    expect(maskPersonalDigits('(http://host:8080)4111111111111111')).toBe(
      '(http://host:8080)[number removed]',
    );
    expect(maskPersonalDigits('http://4111111111111111@host/x')).toBe('http://[number removed]@host/x');
    expect(maskPersonalDigits('cannot reach http://127.0.0.1:18099: refused')).toBe(
      'cannot reach http://127.0.0.1:18099: refused',
    );
    // Digits after the authority (a path, a query) are masked as any text's
    expect(maskPersonalDigits('http://127.0.0.1:8080/calls/5125550142?ani=4111111111111111')).toBe(
      'http://127.0.0.1:8080/calls/[number removed]?ani=[number removed]',
    );
  });

  it("a quarantined call's own id stays whole where it names a file, whatever its digits; a number that merely contains it is still masked", () => {
    const id = '20261201_103000_ext4021';
    const cause = JSON.stringify({
      errorMessage: `ctr: ${id}.ctr.json is not valid JSON (syntax error at line 1, column 1): drop a corrected ${id}.ctr.json under the same name`,
    });
    const reason = `ctr: ${id}.ctr.json is not valid JSON (syntax error at line 1, column 1): drop a corrected ${id}.ctr.json under the same name`;
    expect(quarantineReason({ Error: 'InvalidInputError', Cause: cause }, 'MergeCtr', id)).toBe(reason);
    expect(quarantineReason({ Error: 'InvalidInputError', Cause: cause }, 'MergeCtr')).not.toContain(id);
    expect(
      quarantineReason(
        { Error: 'InvalidInputError', Cause: '1111.wav: card 4111 1111 1111 1111 on 1111' },
        null,
        '1111',
      ),
    ).toBe('1111.wav: card [number removed] on 1111');
  });

  it('a JSON syntax error is placed by line and column, never by quoting the text around it', () => {
    const text = '{\n"ani":"tel:+15125550142" "x":1}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      error = e;
    }
    expect(jsonErrorPosition(text, error)).toBe('syntax error at line 2, column 26');
    expect(jsonErrorPosition('', new SyntaxError('Unexpected end of JSON input'))).toBe('the file is empty');
  });

  it('a JSON file cut off anywhere before its end says "cut off", not a syntax error at its last line (found by trial22: most cuts read "syntax error at line N")', () => {
    // Prepare: a transcript-like document cut after every character, and wrong before its end
    const whole = JSON.stringify(
      {
        JobName: 'call-1',
        Transcript: [{ Content: 'Hi, my "card" was declined.', BeginOffsetMillis: 1200, Sentiment: null }],
        Ok: true,
        Ratio: -1.5e3,
      },
      null,
      2,
    );
    const positionOf = (text: string): string => {
      try {
        JSON.parse(text);
      } catch (error) {
        return jsonErrorPosition(text, error);
      }
      return 'parsed';
    };
    // Act
    const cuts = [...Array(whole.length - 1).keys()]
      .slice(1)
      .map((n) => [n, positionOf(whole.slice(0, n))] as const)
      .filter(([, said]) => said !== 'cut off before its end');
    // Assess: every cut says so (a cut right after a whole number reads as that number: no cut);
    // a text wrong before its end, or whole with NULs after it, is a syntax error, a cut one padded with NULs is cut off
    expect(cuts.filter(([, said]) => said !== 'the file is empty')).toEqual([]);
    expect(positionOf(`${whole.slice(0, 40)}\0\0\0\0`)).toBe('cut off before its end');
    expect(positionOf('{"JobName": "x", not json')).toMatch(/^syntax error at line 1, column \d+$/);
    expect(positionOf('{"a": 1,}')).toMatch(/^syntax error at line 1, column \d+$/);
    expect(positionOf(`${whole}\0\0`)).toMatch(/^syntax error/);
  });
});

describe('object names from call ids (#11.7)', () => {
  it('are short, safe and one-to-one for any file name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
        fc.string({ minLength: 1 }),
        (a, b) => {
          const name = objectName(a);
          expect(name).toMatch(/^[0-9A-Za-z_~-]+$/);
          expect(name.length).toBeLessThanOrEqual(MAX_NAME + 30);
          if (a !== b) expect(objectName(b)).not.toBe(name);
        },
      ),
    );
    expect(objectName('.a')).not.toBe(objectName('\u02ea'));
    expect(objectName('x'.repeat(250))).not.toBe(objectName(`${'x'.repeat(249)}y`));
  });
});

describe('terminal output (#11.13)', () => {
  it('escape sequences and bidirectional overrides in transcripts are shown, not obeyed', () => {
    expect(printable('ok \u001b[2J\u001b]0;pwned\u0007 \u202edesrever')).toBe(
      'ok \\u001b[2J\\u001b]0;pwned\\u0007 \\u202edesrever',
    );
  });
});

describe('recording years 0000-0099 (#11.13)', () => {
  it('are read as written, not as 1900-1999', () => {
    expect(new Date(parseInstant('0042-03-02T14:00:00Z') ?? 0).toISOString()).toBe(
      '0042-03-02T14:00:00.000Z',
    );
    expect(parseInstant('0000-02-29T00:00:00Z')).not.toBeNull(); // year 0 is a leap year
    expect(parseInstant('1900-02-29T00:00:00Z')).toBeNull();
  });
});
