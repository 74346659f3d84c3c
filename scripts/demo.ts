import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { startBot } from '../src/main.js';
import {
  ALEX_WILBER_ID,
  APPROVERS_GROUP_ID,
  demoSeed,
  MEGAN_BOWEN_ID,
  startTenantEmulator,
} from '../src/tenant-emulator/index.js';
import { buildPlaygroundConfig, writePlaygroundConfig } from './playground-config.js';
import { startPlayground } from './playground.js';
import { startUserPage, type RunningUserPage } from './playground-user-page.js';

// `npm run demo`: the tenant emulator, the bot against it and the Microsoft 365
// Agents Playground, all on 127.0.0.1. The bot runs unauthenticated against the
// emulator, and the Playground runs with telemetry off, so nothing reaches Azure.
// Alex Wilber types the requests; Megan Bowen, a member of the approvers group,
// approves from a second page.

const DATA_DIR = resolve('data');
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

async function main(): Promise<void> {
  await mkdir(DATA_DIR, { recursive: true });
  // The emulator starts with a fresh tenant, so requests and certificates
  // kept from an earlier demo would describe apps that no longer exist.
  const statePath = join(DATA_DIR, 'demo.sqlite');
  for (const path of [statePath, `${statePath}-wal`, `${statePath}-shm`]) await rm(path, { force: true });

  const emulator = await startTenantEmulator({ port: 0, seed: demoSeed });
  const config = loadConfig({
    PORT: process.env.PORT ?? '3978',
    TENANT_ID: demoSeed.tenantId,
    GRAPH_ENDPOINT: emulator.url,
    GRAPH_CREDENTIAL: 'none',
    APPROVER_GROUP_ID: APPROVERS_GROUP_ID,
    STATE_STORE: `sqlite:${statePath}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const bot = await startBot(config);

  const configPath = join(DATA_DIR, '.m365agentsplayground.yml');
  await writePlaygroundConfig(configPath, buildPlaygroundConfig({ seed: demoSeed, currentUserId: ALEX_WILBER_ID, otherUserIds: [MEGAN_BOWEN_ID] }));
  const playground = await startPlayground({
    botEndpoint: `${bot.url}/api/messages`,
    configPath,
    logPath: join(DATA_DIR, 'playground.log'),
    port: PLAYGROUND_PORT,
  });
  const approverPage = await startApproverPage(playground.url, playground.port + 1);

  printInstructions(emulator.url, bot.url, playground.url, approverPage.url);

  const stop = async (): Promise<void> => {
    console.log('\nStopping the demo…');
    await approverPage.close();
    await playground.stop();
    await bot.close();
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** Serves the approver page on `preferredPort`, or on a free port when that one is in use. */
async function startApproverPage(playgroundUrl: string, preferredPort: number): Promise<RunningUserPage> {
  // In the generated config Megan Bowen is user-id-1.
  try {
    return await startUserPage({ playgroundUrl, userId: 'user-id-1', port: preferredPort });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startUserPage({ playgroundUrl, userId: 'user-id-1', port: 0 });
  }
}

function printInstructions(emulatorUrl: string, botUrl: string, playgroundUrl: string, approverUrl: string): void {
  console.log(`
SSO chat-ops bot demo (everything runs on 127.0.0.1; nothing reaches Azure)

  Tenant emulator   ${emulatorUrl}  (demo tenant "Contoso (demo)")
  Bot               ${botUrl}/api/messages
  Playground        ${playgroundUrl}  acting as Alex Wilber (requester)
  Approver page     ${approverUrl}  acting as Megan Bowen (approver)

1. Open both pages now; a page opened later does not get the earlier messages.
2. In the first page, open the group chat "SSO admins", type @, pick "SSO Bot"
   and add: set up GoToMeeting SSO
3. Choose the RelayState and select "Submit for approval".
4. In the approver page, open "SSO admins" and select "Approve" on the same card.

Press Ctrl-C to stop.`);
}

await main();
