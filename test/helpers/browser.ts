import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's chromium (`apt-get install chromium`, as .ci/run installs it), headless, as every browser
 * test drives it: no sandbox (tests run as root), no GPU, no network of its own, no first-run page.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
