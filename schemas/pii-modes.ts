/**
 * The PII redaction modes, as plain data (no zod) so the CLI can offer them without loading
 * the schemas: `default`, `strict` (also every run of 3+ digits), `off` (text as given).
 */
export const PII_MODES = ['default', 'strict', 'off'] as const;
