import { createHmac } from 'node:crypto';

/**
 * The customer's number as a keyed hash: repeat callers stay linkable across calls, the number
 * itself never leaves the merge, and without the key the hash cannot be reversed by hashing
 * every phone number (a plain SHA-256 of a 10-digit space can). `tel:+1 (512) 555-0142`,
 * `sip:+15125550142@host` and `+15125550142` hash alike.
 */
export const normalizePhoneNumber = (raw: string): string | null => {
  const address =
    raw
      .trim()
      .replace(/^(tel|sip|sips):/i, '')
      .split(/[@;]/)[0] ?? '';
  const digits = address.replace(/\D/g, '');
  if (digits === '') return null;
  return address.trimStart().startsWith('+') ? `+${digits}` : digits;
};

export const hashAni = (raw: string | null, key: string): string | null => {
  const number = raw === null ? null : normalizePhoneNumber(raw);
  return number === null ? null : createHmac('sha256', key).update(number).digest('hex');
};
