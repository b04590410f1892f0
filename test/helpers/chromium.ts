/** Headless Debian Chromium for the browser tests: where it is, how to launch it, and a suite title that says when it is skipped. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const BROWSER_TIMEOUT_MS = 60_000;

/** `name`, or `name — SKIPPED: …` with the package to install when there is no Chromium. */
export function browserSuiteTitle(name: string): string {
  return HAS_CHROMIUM ? name : `${name} — SKIPPED: ${CHROMIUM} not found (Debian: apt-get install chromium)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
