// Debian's Chromium, headless, as every browser script here launches it (no browser download: CHROMIUM or
// /usr/bin/chromium), with what would reach out to the network or the profile switched off.
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
