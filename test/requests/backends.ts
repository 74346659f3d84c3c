// The storage backends the store tests run against: in-process memory and a
// real SQLite file in a fresh temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import type { StateStorage } from '../../src/storage/types.js';

export interface Backend {
  storage: StateStorage;
  cleanup(): Promise<void>;
}

export async function temporaryFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'change-requests-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const BACKENDS: [string, () => Promise<Backend>][] = [
  ['memory', async () => ({ storage: new MemoryStorage(), cleanup: async () => {} })],
  [
    'sqlite',
    async () => {
      const folder = await temporaryFolder();
      const storage = new SqliteStorage(join(folder.path, 'state.sqlite'));
      return {
        storage,
        cleanup: async () => {
          await storage.close();
          await folder.remove();
        },
      };
    },
  ],
];

/** Creates a clock that the test moves by hand. */
export function manualClock(start: Date) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set(date: Date) {
      current = date.getTime();
    },
  };
}
