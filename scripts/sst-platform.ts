/**
 * `npm run sst:platform`: lays down `.sst/platform` (SST's components, their types and their npm
 * dependencies) without anything but the npm registry, so `sst.config.ts` can be typechecked
 * against the real SST types and run under Pulumi's mocks (test/contract/sst-app.test.ts).
 *
 * `sst install` does three things: it copies the platform sources embedded in the pinned `sst`
 * binary (offline), resolves the providers on npm, and runs `bun install` in `.sst/platform`.
 * Before any command it also downloads Pulumi and Bun from GitHub, which cannot be reached here.
 * So: `SST_SKIP_DEPENDENCY_CHECK=1` skips those downloads (Pulumi's engine is not needed under
 * mocks), and a config home of our own (`XDG_CONFIG_HOME=.sst/home`) supplies a `bun` that does
 * what `bun install` would, with npm. Everything else is SST's own code.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const SST_DIR = join(ROOT, '.sst');
const PLATFORM = join(SST_DIR, 'platform');
const HOME = join(SST_DIR, 'home');
const STAMP = join(PLATFORM, 'node_modules', '.debrief-stamp');

const sstVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/sst/package.json'), 'utf8')) as { version: string }
).version;
// The provider pins live in sst.config.ts's app(): a change there must reinstall.
const config = readFileSync(join(ROOT, 'sst.config.ts'), 'utf8');
const wanted = `${sstVersion}\n${config.match(/providers:\s*\{[^}]*\}/)?.[0] ?? ''}`;

const upToDate = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted;
if (upToDate && !process.argv.includes('--force')) {
  process.stdout.write(`sst platform ${sstVersion}: up to date (.sst/platform)\n`);
  process.exit(0);
}

const bunShim = join(HOME, 'sst', 'bin', 'bun');
mkdirSync(join(HOME, 'sst', 'bin'), { recursive: true });
writeFileSync(
  bunShim,
  `#!/bin/sh
# Written by scripts/sst-platform.ts: SST runs "bun install" in .sst/platform; npm does the same job.
if [ "$1" = "install" ]; then
  exec npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "bun shim: unsupported command: $*" >&2
exit 1
`,
);
chmodSync(bunShim, 0o755);

process.stdout.write(
  `sst platform ${sstVersion}: sst install (platform sources from the sst binary, deps from npm)\n`,
);
const result = spawnSync(join(ROOT, 'node_modules/.bin/sst'), ['install', '--stage', 'offline'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    XDG_CONFIG_HOME: HOME,
    SST_SKIP_DEPENDENCY_CHECK: '1',
    SST_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  },
});
if (result.status !== 0 || !existsSync(join(PLATFORM, 'config.d.ts'))) {
  process.stderr.write(`sst install failed (exit ${result.status ?? result.signal})\n`);
  process.exit(1);
}
writeFileSync(STAMP, wanted);
process.stdout.write('sst platform: ready\n');
