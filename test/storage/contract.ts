import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError, type StateStorage } from '../../src/storage/types.js';
import { raceCompareAndSwap } from './support/race.js';

/** What the contract suite needs from one backend. */
export interface ContractBackend {
  /** Opens a client on a new, empty store. */
  open(): Promise<StateStorage>;
  /** Opens another client on the store that `open` created last, as a restarted process would. */
  reopen?(): Promise<StateStorage>;
  /** The `STATE_STORE` value and environment that child processes use to reach the same store. */
  childProcessStore?(): { spec: string; env: NodeJS.ProcessEnv };
}

// Listed in code point order. 'cr/～' (U+FF5E) sorts before 'cr/😀' (U+1F600)
// by code point but after it by UTF-16 code unit, so the order check catches
// a backend that sorts by UTF-16.
const specialKeys = [
  'cr/%2F',
  'cr/100%/a',
  'cr/100%/b',
  'cr/1000',
  'cr/100_/c',
  "cr/[x]*?'\"",
  'cr/a b+c',
  'cr/ä/ü',
  'cr/～',
  'cr/😀/x',
  'cr\\back',
  'crx',
];

/** Runs the same behaviour checks against one backend, so backends cannot drift apart. */
export function describeStorageContract(name: string, backend: ContractBackend): void {
  describe(`${name} storage contract`, () => {
    let store: StateStorage;
    const opened: StateStorage[] = [];

    beforeEach(async () => {
      store = await backend.open();
      opened.push(store);
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((client) => client.close()));
    });

    it('reads back a written document with an eTag', async () => {
      await store.write({ 'cr/1': { state: 'draft', nested: { count: 1 } } });

      const items = await store.read(['cr/1', 'cr/missing']);

      expect(items['cr/1']).toMatchObject({ state: 'draft', nested: { count: 1 } });
      expect(typeof items['cr/1']?.eTag).toBe('string');
      expect(items).not.toHaveProperty('cr/missing');
    });

    it('stores non-ASCII text intact', async () => {
      const document = { title: 'Zoë’s GoToMeeting 😀', note: 'ß'.repeat(200) };
      await store.write({ 'cr/utf8': document });

      const items = await store.read(['cr/utf8']);

      expect(items['cr/utf8']).toMatchObject(document);
    });

    it('changes the eTag on every write', async () => {
      await store.write({ 'cr/1': { version: 1 } });
      const first = (await store.read(['cr/1']))['cr/1'];
      await store.write({ 'cr/1': { ...first, version: 2 } });
      const second = (await store.read(['cr/1']))['cr/1'];

      expect(second?.version).toBe(2);
      expect(second?.eTag).not.toBe(first?.eTag);
    });

    it('rejects a write with a stale eTag', async () => {
      await store.write({ 'cr/1': { version: 1 } });
      const stale = (await store.read(['cr/1']))['cr/1'];
      await store.write({ 'cr/1': { ...stale, version: 2 } });

      await expect(store.write({ 'cr/1': { ...stale, version: 3 } })).rejects.toMatchObject({
        name: 'StorageError',
        code: 'etag_conflict',
      });
      expect((await store.read(['cr/1']))['cr/1']?.version).toBe(2);
    });

    it('rejects a conditional write to a deleted document', async () => {
      await store.write({ 'cr/1': { version: 1 } });
      const read = (await store.read(['cr/1']))['cr/1'];
      await store.delete(['cr/1']);

      await expect(store.write({ 'cr/1': { ...read, version: 2 } })).rejects.toMatchObject({ code: 'etag_conflict' });
      expect(await store.read(['cr/1'])).toEqual({});
    });

    it.each([
      ['"*"', '*'],
      ['an empty eTag', ''],
      ['no eTag', undefined],
    ])('writes unconditionally with %s', async (_label, eTag) => {
      await store.write({ 'cr/1': { version: 1 } });
      await store.write({ 'cr/1': { version: 2 } });

      await store.write({ 'cr/1': { version: 3, eTag } });

      expect((await store.read(['cr/1']))['cr/1']?.version).toBe(3);
    });

    it('deletes documents and ignores missing keys', async () => {
      await store.write({ 'cr/1': { a: 1 }, 'cr/2': { a: 2 } });

      await store.delete(['cr/1', 'cr/never-written']);

      expect(Object.keys(await store.read(['cr/1', 'cr/2']))).toEqual(['cr/2']);
    });

    it('lists keys by prefix with special characters', async () => {
      await store.write(Object.fromEntries(specialKeys.map((key) => [key, { key }])));

      expect(await store.listKeys('cr/100%')).toEqual(['cr/100%/a', 'cr/100%/b']);
      expect(await store.listKeys('cr/100_')).toEqual(['cr/100_/c']);
      expect(await store.listKeys('cr/ä')).toEqual(['cr/ä/ü']);
      expect(await store.listKeys('cr/😀')).toEqual(['cr/😀/x']);
      expect(await store.listKeys("cr/[x]*?'")).toEqual(["cr/[x]*?'\""]);
      expect(await store.listKeys('cr/%')).toEqual(['cr/%2F']);
      expect(await store.listKeys('cr\\')).toEqual(['cr\\back']);
      expect(await store.listKeys('nothing/')).toEqual([]);
    });

    it('lists every key in code point order for an empty prefix', async () => {
      await store.write(Object.fromEntries(specialKeys.map((key) => [key, { key }])));

      expect(await store.listKeys('')).toEqual(specialKeys);
      expect(await store.listKeys('cr/')).toEqual(specialKeys.filter((key) => key.startsWith('cr/')));
    });

    it('returns the original keys from a read', async () => {
      await store.write(Object.fromEntries(specialKeys.map((key) => [key, { key }])));

      const items = await store.read(specialKeys);

      expect(Object.keys(items).sort()).toEqual([...specialKeys].sort());
      for (const key of specialKeys) expect(items[key]?.key).toBe(key);
    });

    it.each(['', 'a//b', '/a', 'a/', 'a/./b', 'a/../b', 'bad\u0000key', 'x'.repeat(1025), 'lone\ud800', '__proto__', 'constructor', 'toString'])(
      'rejects the invalid key %j',
      async (key) => {
        await expect(store.write({ [key]: { a: 1 } })).rejects.toMatchObject({ code: 'invalid_key' });
        await expect(store.read([key])).rejects.toBeInstanceOf(StorageError);
      },
    );

    it('rejects a prefix with half a surrogate pair', async () => {
      await store.write({ 'cr/😀/x': { a: 1 } });

      await expect(store.listKeys('cr/\ud83d')).rejects.toMatchObject({ code: 'invalid_key' });
    });

    it('resolves a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('lets exactly one of two clients win a compare-and-swap', async () => {
      const other = backend.reopen ? await backend.reopen() : store;
      opened.push(other);
      await store.write({ 'cr/race': { winner: null } });
      const [first, second] = await Promise.all([store.read(['cr/race']), other.read(['cr/race'])]);

      const results = await Promise.allSettled([
        store.write({ 'cr/race': { ...first['cr/race'], winner: 'first' } }),
        other.write({ 'cr/race': { ...second['cr/race'], winner: 'second' } }),
      ]);

      const winners = results.filter((result) => result.status === 'fulfilled');
      const losers = results.filter((result) => result.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers.map((loser) => (loser as PromiseRejectedResult).reason)).toEqual([
        expect.objectContaining({ code: 'etag_conflict' }),
      ]);
    });

    it.skipIf(!backend.reopen)('keeps data across a restart', async () => {
      await store.write({ 'cr/kept': { state: 'approved' } });
      const before = (await store.read(['cr/kept']))['cr/kept'];
      await store.close();

      const restarted = await backend.reopen!();
      opened.push(restarted);
      const after = (await restarted.read(['cr/kept']))['cr/kept'];

      expect(after).toEqual(before);
      expect(await restarted.listKeys('cr/')).toEqual(['cr/kept']);
    });

    it.skipIf(!backend.childProcessStore)(
      'lets exactly one of several processes win each round',
      async () => {
        const { spec, env } = backend.childProcessStore!();

        const rounds = await raceCompareAndSwap({ spec, env, processes: 3, rounds: 5, key: 'cr/process-race', store });

        for (const round of rounds) {
          expect(round.outcomes.filter((outcome) => outcome === 'won')).toHaveLength(1);
          expect(round.outcomes.filter((outcome) => outcome === 'lost')).toHaveLength(2);
          expect(round.stored).toEqual({ round: round.round, winner: round.outcomes.indexOf('won') });
        }
      },
      60_000,
    );
  });
}
