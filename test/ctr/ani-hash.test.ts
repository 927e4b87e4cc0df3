import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashAni, normalizePhoneNumber } from '../../core/ctr/ani-hash.js';

describe('hashAni', () => {
  it.each([
    ['tel:+15125550142', '+15125550142'],
    ['sip:+15125550142@10.0.0.5;user=phone', '+15125550142'],
    ['+1 (512) 555-0142', '+15125550142'],
    ['5125550142', '5125550142'],
    ['tel:', null],
    ['anonymous', null],
  ])('normalizes %j', (raw, expected) => {
    // Act
    const number = normalizePhoneNumber(raw);

    // Assess
    expect(number).toBe(expected);
  });

  it('hashes every spelling of a number alike, with the key', () => {
    // Prepare
    const expected = createHmac('sha256', 'key-1').update('+15125550142').digest('hex');

    // Act
    const hashes = ['tel:+15125550142', 'sip:+15125550142@edge', '+1 512 555 0142'].map((n) =>
      hashAni(n, 'key-1'),
    );

    // Assess
    expect(new Set(hashes)).toEqual(new Set([expected]));
    expect(hashAni('tel:+15125550142', 'key-2')).not.toBe(expected);
  });

  it('has no hash without a number', () => {
    // Act
    const hash = hashAni(null, 'key-1');

    // Assess
    expect(hash).toBeNull();
  });
});
