// A child process for the compare-and-swap race: it opens the store named by
// STATE_STORE and runs commands read line by line from stdin, replying on stdout.
//   read            reads RACE_KEY and keeps the document and its eTag
//   write R I       writes { round: R, winner: I } with the kept eTag
//   exit            closes the store
import { createInterface } from 'node:readline';
import { createStorage } from '../../../src/storage/create-storage.js';
import { StorageError, type StoreItem } from '../../../src/storage/types.js';

const key = process.env.RACE_KEY ?? 'race';
const store = createStorage(process.env.STATE_STORE ?? '', {
  connectionString: process.env.AZURE_STORAGE_CONNECTION_STRING,
});
let document: StoreItem | undefined;

const reply = (line: string) => process.stdout.write(`${line}\n`);
reply('ready');

for await (const line of createInterface({ input: process.stdin })) {
  const [command, round, winner] = line.split(' ');
  if (command === 'exit') break;

  if (command === 'read') {
    document = (await store.read([key]))[key];
    reply('read');
  } else if (command === 'write') {
    reply(await writeWinner(Number(round), Number(winner)));
  }
}
await store.close();

async function writeWinner(round: number, winner: number): Promise<string> {
  try {
    await store.write({ [key]: { ...document, round, winner } });
    return 'won';
  } catch (error) {
    if (error instanceof StorageError) return error.code === 'etag_conflict' ? 'lost' : `error ${error.code}`;
    throw error;
  }
}
