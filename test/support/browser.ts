import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core. Every request that does not go
// to a loopback address is aborted, so the Playground page's Office CDN fonts
// fall back to local fonts and nothing leaves the machine.

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--metrics-recording-only',
  '--no-pings',
];

export interface TestBrowser {
  newPage(): Promise<Page>;
  /** URLs of the requests that were aborted because they left loopback. */
  blockedRequests: string[];
  close(): Promise<void>;
}

export function isLoopbackRequest(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Launches headless Chromium with a fresh profile directory. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'sso-bot-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      timeout: 30_000,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const blockedRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopbackRequest(url)) {
      await route.continue();
      return;
    }
    blockedRequests.push(url);
    await route.abort('blockedbyclient');
  });
  context.setDefaultTimeout(15_000);

  return {
    newPage: () => context.newPage(),
    blockedRequests,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
