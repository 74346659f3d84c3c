import { pino } from 'pino';
import { demoSeed, startTenantEmulator } from '../src/tenant-emulator/index.js';

// Starts the tenant emulator alone with the demo organization.
// TENANT_EMULATOR_PORT overrides the default port 5980.

const DEFAULT_PORT = 5980;

async function main(): Promise<void> {
  const port = Number(process.env.TENANT_EMULATOR_PORT ?? DEFAULT_PORT);
  const logger = pino({ name: 'tenant-emulator' });
  const emulator = await startTenantEmulator({ port, seed: demoSeed, logger });
  const domain = demoSeed.verifiedDomains.find((candidate) => candidate.isDefault)?.name;
  console.log(`Tenant emulator listening on ${emulator.url} (Graph base ${emulator.url}/v1.0)`);
  console.log(`Organization: ${demoSeed.displayName}, tenant ${emulator.tenantId}, default domain ${domain}`);
  for (const group of demoSeed.groups) {
    const members = group.memberIds.map((id) => demoSeed.users.find((user) => user.id === id)?.displayName ?? id);
    console.log(`Group ${group.displayName} (${group.id}): ${members.join(', ')}`);
  }
  console.log(`Users: ${demoSeed.users.map((user) => user.userPrincipalName).join(', ')}`);
  console.log(`Control API: ${emulator.url}/_emulator/requests, /_emulator/faults, /_emulator/state`);

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Failed to stop the tenant emulator:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Failed to start the tenant emulator:', error);
  process.exit(1);
});
