#!/usr/bin/env node
// Set-up for the README's first command (`npm ci && npm start`): the embedded speech engine
// needs Debian's pocketsphinx, its en-US model and sphinxbase-utils (to build the call-center
// language model). Installs them with apt-get when they are missing and this is a Debian machine
// we may install on (root); otherwise says exactly what to run. Plain JavaScript: it runs before
// anything is compiled.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = [
  { name: 'pocketsphinx', check: () => onPath('pocketsphinx_batch') },
  { name: 'pocketsphinx-en-us', check: () => existsSync('/usr/share/pocketsphinx/model/en-us/en-us.lm.bin') },
  { name: 'sphinxbase-utils', check: () => onPath('sphinx_lm_convert') },
];

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

const missing = PACKAGES.filter((p) => !p.check()).map((p) => p.name);
if (missing.length === 0) process.exit(0);

const command = `apt-get install -y ${missing.join(' ')}`;
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (!root || !onPath('apt-get') || process.env.DEBRIEF_NO_INSTALL === '1') {
  process.stderr.write(
    `debrief: the local speech engine needs Debian packages that are not installed: ${missing.join(', ')}\n` +
      `  install them with:  sudo ${command}\n` +
      '  (calls dropped as transcripts work without them; recordings are quarantined with this reason)\n',
  );
  process.exit(0);
}
process.stderr.write(`debrief: installing the local speech engine (${missing.join(', ')}) with apt-get…\n`);
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  process.stderr.write(`debrief: apt-get failed; install the speech engine by hand: ${command}\n`);
}
