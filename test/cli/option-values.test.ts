import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCli, fromEnv, positiveInt } from '../../cli/debrief.js';
import { tempDir } from '../helpers/paths.js';

describe('CLI option values (the AWS trial left: "40x" read as 40; an empty DEBRIEF_AGENT_CHANNEL not named)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each(['1', '40', ' 7 ', '2000'])('a whole number %j is read', (v) => {
    // Act
    const n = positiveInt(v);
    // Assess
    expect(n).toBe(Number(v.trim()));
  });

  it.each(['40x', '1e3', '0', '-3', '2.5', '', ' ', '0x10', '99999999999999999999'])(
    '%j is refused, not read as its leading digits',
    (v) => {
      // Act
      const read = () => positiveInt(v);
      // Assess
      expect(read).toThrow(InvalidArgumentError);
      expect(read).toThrow('expected a whole number of at least 1');
    },
  );

  it('`run --concurrency 40x` stops with the option named, before any work', async () => {
    // Prepare
    const cli = buildCli().exitOverride();
    for (const c of [cli, ...cli.commands]) c.exitOverride().configureOutput({ writeErr: () => {} });
    const home = join(tempDir('option-values'), 'home');
    // Act
    const parse = cli.parseAsync(['run', '--home', home, '--concurrency', '40x'], { from: 'user' });
    // Assess
    await expect(parse).rejects.toThrow(/--concurrency <n>' argument '40x' is invalid/);
  });

  it('a bad environment default names the variable and its value, and says how to get the default', () => {
    // Prepare
    vi.stubEnv('DEBRIEF_AGENT_CHANNEL', '');
    const channel = (v: string) => {
      if (v !== '0' && v !== '1') throw new InvalidArgumentError('expected 0 or 1');
      return Number(v);
    };
    // Act
    const read = () => fromEnv('DEBRIEF_AGENT_CHANNEL', '1', channel);
    // Assess
    expect(read).toThrow('DEBRIEF_AGENT_CHANNEL="": expected 0 or 1 (unset it for the default, 1)');
  });

  it('an unset variable takes the fallback, a set one its own value', () => {
    // Prepare
    vi.stubEnv('OPTION_VALUES_TEST_SETTING', undefined as unknown as string);
    // Act
    const unset = fromEnv('OPTION_VALUES_TEST_SETTING', '3', positiveInt);
    vi.stubEnv('OPTION_VALUES_TEST_SETTING', '12');
    const set = fromEnv('OPTION_VALUES_TEST_SETTING', '3', positiveInt);
    // Assess
    expect([unset, set]).toEqual([3, 12]);
  });

  it.each([
    ['DEBRIEF_AGENT_CHANNEL', '', 'DEBRIEF_AGENT_CHANNEL="": expected 0 or 1'],
    ['DEBRIEF_AGENT_CHANNEL', 'left', 'DEBRIEF_AGENT_CHANNEL="left": expected 0 or 1'],
    ['DEBRIEF_PII_MODE', 'bogus', 'DEBRIEF_PII_MODE="bogus": expected one of default, strict, off'],
  ])('the CLI itself refuses %s=%j naming the variable', (name, value, message) => {
    // Prepare
    vi.stubEnv(name, value);
    // Act
    const build = () => buildCli();
    // Assess
    expect(build).toThrow(message);
  });
});
