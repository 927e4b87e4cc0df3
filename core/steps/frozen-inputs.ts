let freezing = false;

/**
 * Test-only: every step's input deep-frozen (what its caller passed and what the step is given),
 * and every enrichment part's value as it is stored, so a step that writes to its input, or code
 * that later writes to what a step kept or handed on, throws (ES modules are strict). That none
 * does is what lets a part keep its engine's value without zod's copy, and would let a step take
 * its caller's object (test/core/step-inputs-frozen.test.ts).
 */
export const freezeStepInputs = (on: boolean): void => {
  freezing = on;
};

/** Whether the test-only mode is on. */
export const freezingStepInputs = (): boolean => freezing;

export const deepFreeze = (value: unknown): void => {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
};
