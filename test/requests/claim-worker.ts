// A separate bot process in miniature: opens the shared SQLite file, waits
// until the start file exists, then tries to claim every request id it was
// given and prints the ids it won as one JSON line.
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { ChangeRequestStore } from '../../src/requests/change-request-store.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';

const [databasePath, owner, startFile, ...ids] = process.argv.slice(2);
if (!databasePath || !owner || !startFile) {
  throw new Error('usage: claim-worker DATABASE OWNER START_FILE ID...');
}

const storage = new SqliteStorage(databasePath);
const store = new ChangeRequestStore({ storage });
process.stdout.write('ready\n');

while (!existsSync(startFile)) await delay(5);

const claimed: string[] = [];
for (const id of ids) {
  const result = await store.claimRun(id, { owner, leaseMs: 60_000 });
  if (result.ok) claimed.push(id);
}
await storage.close();
process.stdout.write(JSON.stringify({ owner, claimed }) + '\n');
