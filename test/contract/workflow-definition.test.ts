import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steps } from '../../core/steps/index.js';
import { aslFileText } from '../../workflows/asl-file.js';
import {
  DEFINITION_FILE,
  LocalWorkflowRunner,
  localFunctionArns,
  renderLocalDefinition,
  taskStateNames,
} from '../../workflows/local-runner.js';
import { postCallDefinition, renderDefinition } from '../../workflows/post-call-definition.js';
import { arnPlaceholder, kebab, TASK_NAMES } from '../../workflows/tasks.js';
import { validateAsl as validate } from '../helpers/asl-validator.js';
import { REPO } from '../helpers/paths.js';

describe('the post-call ASL definition', () => {
  it('is valid ASL once the function ARNs are substituted (what deploy and the local runner do)', () => {
    // Prepare
    const rendered = JSON.parse(renderDefinition(postCallDefinition(), localFunctionArns()));
    // Act
    const result = validate(rendered, { checkPaths: true, checkArn: true });
    // Assess
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('is valid ASL as the local runner runs it, step timeouts added (the runner does not validate it again)', () => {
    for (const seconds of [1, 300, 900]) {
      // Prepare
      const committed = JSON.parse(readFileSync(DEFINITION_FILE, 'utf8'));
      // Act
      const rendered = renderLocalDefinition(committed, seconds);
      const result = validate(rendered, { checkPaths: true, checkArn: true });
      // Assess
      expect(result.errors).toEqual([]);
      expect(result.isValid).toBe(true);
      expect(rendered.States.LoadCall?.TimeoutSeconds).toBe(seconds);
    }
  });

  it('a definition given to the local runner is still validated when the runner is made', () => {
    const broken = postCallDefinition();
    broken.States.LoadCall = { ...broken.States.LoadCall, Next: 'NoSuchState' };
    expect(() => new LocalWorkflowRunner({} as never, broken)).toThrow(/State machine definition is invalid/);
    expect(() => new LocalWorkflowRunner({} as never, postCallDefinition())).not.toThrow();
  });

  it('the validator does reject a broken definition (so the test above can fail)', () => {
    const broken = JSON.parse(renderDefinition(postCallDefinition(), localFunctionArns()));
    broken.States.LoadCall.Next = 'NoSuchState';
    expect(validate(broken).isValid).toBe(false);
  });

  it('has exactly one Task per task name, each with a step, a Lambda handler file and a placeholder', () => {
    const def = postCallDefinition();
    expect(taskStateNames(def as never).sort()).toEqual([...TASK_NAMES].sort());
    for (const name of TASK_NAMES) {
      expect(typeof steps[name]).toBe('function');
      expect(existsSync(join(REPO, 'functions', `${kebab(name)}.ts`)), `functions/${kebab(name)}.ts`).toBe(
        true,
      );
      expect(
        existsSync(join(REPO, 'core', 'steps', `${kebab(name)}.ts`)),
        `core/steps/${kebab(name)}.ts`,
      ).toBe(true);
    }
  });

  it('the committed workflows/post-call.asl.json is current (run `npm run generate` after changing the builder)', () => {
    expect(readFileSync(DEFINITION_FILE, 'utf8')).toBe(aslFileText());
  });

  it('the local runner refuses a definition with a Task it has no local step for (it would call AWS Lambda)', () => {
    const def = postCallDefinition();
    def.States.LoadCall = { ...def.States.LoadCall, Next: 'Extra' };
    def.States.Extra = { Type: 'Task', Resource: arnPlaceholder('LoadCall'), Next: 'MergeCtr' };
    expect(() => new LocalWorkflowRunner({} as never, def)).toThrow(
      /no local step for Task state\(s\): Extra/,
    );
  });

  it('refuses to render when a function ARN is missing', () => {
    const arns = localFunctionArns() as Record<string, string>;
    delete arns.WriteResults;
    expect(() =>
      renderDefinition(postCallDefinition(), arns as ReturnType<typeof localFunctionArns>),
    ).toThrow(/WriteResults/);
  });
});
