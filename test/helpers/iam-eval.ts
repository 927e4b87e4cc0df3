import type { PolicyDocument, PolicyStatement } from '../../infra/iam.js';

/**
 * One permission a request needs, as IAM evaluates it: the action, the resource ARN, and the
 * condition keys the request carries (s3:prefix for ListObjectsV2, iam:PassedToService for a
 * role Transcribe is given).
 */
export interface Need {
  action: string;
  resource: string;
  context?: Record<string, string>;
  /** Why the request needs it (shown when it is missing). */
  why: string;
}

/** IAM's wildcard match: `*` any run of characters, `?` one (case-sensitive, as for ARNs). */
const like = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('')}$`,
  ).test(value);

/** Actions match case-insensitively (IAM), resources case-sensitively. */
const actionMatches = (pattern: string, action: string) => like(pattern.toLowerCase(), action.toLowerCase());

const conditionHolds = (s: PolicyStatement, context: Record<string, string>): boolean =>
  Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const value = context[key];
      if (value === undefined) return false;
      const values = (Array.isArray(expected) ? expected : [expected]).map(String);
      if (operator === 'StringLike') return values.some((p) => like(p, value));
      if (operator === 'StringEquals') return values.includes(value);
      throw new Error(`iam-eval: condition operator ${operator} not modelled`);
    }),
  );

/** Whether an identity policy allows a need (no explicit denies are used here). */
export const allows = (policy: PolicyDocument, need: Need): boolean =>
  policy.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      s.Action.some((a) => actionMatches(a, need.action)) &&
      s.Resource.some((r) => like(r, need.resource)) &&
      conditionHolds(s, need.context ?? {}),
  );

export const missing = (policy: PolicyDocument, needs: readonly Need[]): string[] => [
  ...new Set(needs.filter((n) => !allows(policy, n)).map((n) => `${n.action} on ${n.resource} (${n.why})`)),
];
