import { randomUUID } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStorage } from '../../src/storage/blob-storage.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { describeStorageContract } from './contract.js';

let azurite: Azurite;
let container = '';

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.close();
});

const openBlobStorage = () => new BlobStorage({ container, connectionString: azurite.connectionString });

describeStorageContract('BlobStorage', {
  async open() {
    container = `state-${randomUUID()}`;
    return openBlobStorage();
  },
  reopen: async () => openBlobStorage(),
  childProcessStore: () => ({
    spec: `azure-blob://${container}`,
    env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString },
  }),
});

describe('BlobStorage', () => {
  it('names blobs as botbuilder-azure-blobs does', async () => {
    container = `state-${randomUUID()}`;
    const store = openBlobStorage();
    await store.write({ 'cr/ä b': { ok: true } });

    const names: string[] = [];
    const client = new ContainerClient(azurite.connectionString, container);
    for await (const blob of client.listBlobsFlat()) names.push(blob.name);

    expect(names).toEqual([encodeURIComponent('cr/ä b')]);
  });

  it('reports an unreachable service as unavailable', async () => {
    const store = new BlobStorage({
      container: 'unreachable',
      connectionString: azurite.connectionString.replace(/:\d+\//, ':9/'),
      pipeline: { retryOptions: { maxTries: 1 } },
    });

    await expect(store.ping()).rejects.toMatchObject({ name: 'StorageError', code: 'unavailable' });
    await expect(store.read(['cr/1'])).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.write({ 'cr/1': { a: 1 } })).rejects.toMatchObject({ code: 'unavailable' });
  });
});
