import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildPlaygroundConfig } from '../../scripts/playground-config.js';
import { loadConfig } from '../../src/config/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import {
  ALEX_WILBER_ID,
  APPROVERS_GROUP_ID,
  demoSeed,
  MEGAN_BOWEN_ID,
  startTenantEmulator,
  type TenantEmulator,
} from '../../src/tenant-emulator/index.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { startTestPlayground, type TestPlayground } from '../support/playground.js';

// The Microsoft 365 Agents Playground in headless Chromium against the bot and
// the tenant emulator, all on 127.0.0.1. CI runs it inside a loopback-only
// network namespace (.ci/run). Screenshots go to test-results/.

const RESULTS_DIR = 'test-results';
// In the generated config the current user is user-id-0 and the others follow in order.
const APPROVER_PLAYGROUND_ID = 'user-id-1';

describe('Agents Playground', () => {
  let emulator: TenantEmulator | undefined;
  let bot: RunningBot | undefined;
  let playground: TestPlayground | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    emulator = await startTenantEmulator({ port: 0, seed: demoSeed });
    bot = await startBot(
      loadConfig({
        PORT: '0',
        TENANT_ID: demoSeed.tenantId,
        GRAPH_ENDPOINT: emulator.url,
        GRAPH_CREDENTIAL: 'none',
        APPROVER_GROUP_ID: APPROVERS_GROUP_ID,
        STATE_STORE: 'memory:',
        LOG_LEVEL: 'silent',
      }),
    );
    playground = await startTestPlayground(
      `${bot.url}/api/messages`,
      buildPlaygroundConfig({ seed: demoSeed, currentUserId: ALEX_WILBER_ID, otherUserIds: [MEGAN_BOWEN_ID] }),
    );
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.close();
    await emulator?.close();
  }, 60_000);

  it('shows the help card after "help"', async () => {
    const page = await openPlayground(browser!, playground!.url);

    await sendMessage(page, 'help');

    await page.getByText('What I can do').waitFor({ timeout: 15_000 });
    expect(await page.getByText('Show this list of commands.').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${RESULTS_DIR}/playground-help.png` });
    await page.close();
  });

  it('shows the second page as the approver', async () => {
    const page = await openPlayground(browser!, await playground!.pageAs(APPROVER_PLAYGROUND_ID));

    // The account name in the page header is the configured current user.
    await page.getByText('Megan Bowen', { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('Alex Wilber', { exact: true }).count()).toBe(0);
    await page.close();
  });

  // Only the configured user has a personal chat in the Playground, so the
  // request runs in the group chat, where the approver's page shows the card.
  // Both pages open before the first message because late pages get no history.
  it('runs a request from the request card to the certificate', async () => {
    const requester = await openPlayground(browser!, playground!.url);
    const approver = await openPlayground(browser!, await playground!.pageAs(APPROVER_PLAYGROUND_ID));
    await openGroupChat(requester);
    await openGroupChat(approver);

    await withFailureScreenshots([requester, approver], 'playground-approval', async () => {
      await requester.bringToFront();
      await sendMention(requester, 'set up GoToMeeting SSO');
      await requester.getByText('Submit for approval').waitFor({ timeout: 15_000 });
      await chooseOption(requester, /RelayState/, 'GoToWebinar');
      await requester.getByRole('button', { name: 'Submit for approval' }).click();
      await requester.getByText('Waiting for approval').waitFor({ timeout: 15_000 });

      await approver.bringToFront();
      await approver.getByRole('button', { name: 'Approve', exact: true }).last().click({ timeout: 15_000 });
      await approver.getByText('Approved by Megan Bowen').first().waitFor({ timeout: 15_000 });

      // The certificate card's title, because the help card only mentions the format in a sentence.
      await approver.getByText('Certificate (Base64)', { exact: true }).first().waitFor({ timeout: 60_000 });
      await approver.getByText(/^Done\. Approved by Megan Bowen/).first().waitFor({ timeout: 15_000 });
      await approver.screenshot({ path: `${RESULTS_DIR}/playground-approval.png`, fullPage: true });
    });

    const relayStates = [...emulator!.state.servicePrincipals.values()].map(
      (servicePrincipal) => (servicePrincipal.samlSingleSignOnSettings as { relayState?: string } | null | undefined)?.relayState,
    );
    expect(relayStates).toContain('https://global.gotowebinar.com');
  }, 120_000);
});

/** Runs `steps`, and when they fail, saves a screenshot and the HTML of each page before rethrowing. */
async function withFailureScreenshots(pages: Page[], name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    for (const [index, page] of pages.entries()) {
      await page.screenshot({ path: `${RESULTS_DIR}/${name}-failure-${index}.png` }).catch(() => undefined);
      await writeFile(`${RESULTS_DIR}/${name}-failure-${index}.html`, await page.content()).catch(() => undefined);
    }
    throw error;
  }
}

/** Opens a Playground page and waits until its message box is ready. */
async function openPlayground(browser: TestBrowser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { timeout: 15_000 });
  await page.getByRole('textbox').first().waitFor({ timeout: 20_000 });
  return page;
}

async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox').first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function openGroupChat(page: Page): Promise<void> {
  await page.getByText('SSO admins').first().click();
  await page.getByRole('textbox').first().waitFor();
}

/** Picks an option in the card's choice set, which the Playground renders as a drop-down list rather than a native select. */
async function chooseOption(page: Page, label: RegExp, option: string): Promise<void> {
  const combobox = page.getByRole('combobox', { name: label }).last();
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  expect(await combobox.inputValue()).toBe(option);
}

/** Types "@", picks the bot from the Playground's mention list, then types the command. */
async function sendMention(page: Page, text: string): Promise<void> {
  const textbox = page.getByRole('textbox').first();

  // Bot messages that arrive meanwhile (the greeting each page triggers) add
  // more elements named "SSO Bot", so the picker entry is taken as the one
  // nearest above the text box, and the pick is retried until it took effect.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await textbox.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('@SSO');

    const entry = await mentionPickerEntry(page, textbox);
    if (entry) {
      await entry.click();
      if ((await textbox.innerText()).trim() !== '@SSO') {
        await page.keyboard.type(` ${text}`);
        await page.keyboard.press('Enter');
        return;
      }
    }
  }
  throw new Error('The mention picker did not insert a mention of SSO Bot after 3 attempts.');
}

/** Finds the visible "SSO Bot" element nearest above the text box, where the mention picker opens. */
async function mentionPickerEntry(page: Page, textbox: ReturnType<Page['getByRole']>) {
  const deadline = Date.now() + 5_000;
  const botNames = page.getByText('SSO Bot', { exact: true }).filter({ visible: true });

  while (Date.now() < deadline) {
    const textboxBox = await textbox.boundingBox();
    let nearest: { index: number; bottom: number } | undefined;

    for (let index = 0; index < (await botNames.count()); index += 1) {
      const box = await botNames.nth(index).boundingBox();
      const bottom = box ? box.y + box.height : undefined;
      // The picker sits directly above the text box: within 120 px of its top edge.
      if (textboxBox && bottom !== undefined && bottom <= textboxBox.y && textboxBox.y - bottom < 120) {
        if (!nearest || bottom > nearest.bottom) nearest = { index, bottom };
      }
    }
    if (nearest) return botNames.nth(nearest.index);
    await page.waitForTimeout(100);
  }
  return undefined;
}
