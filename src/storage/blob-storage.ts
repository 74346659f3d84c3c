import type { TokenCredential } from '@azure/identity';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { toStorageError } from './blob-errors.js';
import { isConditionalETag, serializeDocument } from './documents.js';
import { assertValidKey, assertValidPrefix, compareKeys } from './keys.js';
import type { StateStorage, StoreItems } from './types.js';

export type BlobStorageOptions =
  | { container: string; connectionString: string; pipeline?: StoragePipelineOptions }
  | { container: string; accountUrl: string; credential: TokenCredential; pipeline?: StoragePipelineOptions };

// Bounded retries, so that a health check or a card click fails within
// seconds instead of waiting out the SDK's default retry schedule.
const DEFAULT_PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 3, tryTimeoutInMs: 10_000 } };

/**
 * Documents as JSON blobs in one container, for several bot instances behind
 * a load balancer. Reads and deletes go through botbuilder-azure-blobs
 * `BlobsStorage`, and blob names follow its encoding, so botbuilder state in
 * the same container stays readable. Writes use the container client
 * directly with the same `If-Match` rule, because `BlobsStorage.write`
 * (4.23.3) turns the 412 of an eTag conflict into a plain `Error` with
 * neither status nor cause, which only its message text could identify.
 * A write of several documents is not atomic: each document is written
 * separately and the first failure is reported.
 */
export class BlobStorage implements StateStorage {
  private readonly container: ContainerClient;
  private blobs: BlobsStorage | undefined;
  private containerReady: Promise<unknown> | undefined;

  constructor(private readonly options: BlobStorageOptions) {
    const pipeline = options.pipeline ?? DEFAULT_PIPELINE;
    this.container = 'connectionString' in options
      ? new ContainerClient(options.connectionString, options.container, pipeline)
      : new ContainerClient(containerUrl(options.accountUrl, options.container), options.credential, pipeline);
  }

  async read(keys: string[]): Promise<StoreItems> {
    keys.forEach(assertValidKey);
    return this.guard('read', async () => (await this.botbuilderStorage()).read(keys) as Promise<StoreItems>);
  }

  async write(changes: StoreItems): Promise<void> {
    Object.keys(changes).forEach(assertValidKey);
    await this.guard('write', () => this.ensureContainer());

    for (const [key, item] of Object.entries(changes)) {
      const conditional = isConditionalETag(item.eTag);
      const body = serializeDocument(item);
      try {
        await this.container.getBlockBlobClient(blobName(key)).upload(body, Buffer.byteLength(body), {
          conditions: conditional ? { ifMatch: item.eTag } : {},
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      } catch (error) {
        throw toStorageError(error, 'write', conditional);
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    keys.forEach(assertValidKey);
    await this.guard('delete', async () => (await this.botbuilderStorage()).delete(keys));
  }

  async listKeys(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    return this.guard('list', async () => {
      await this.ensureContainer();
      const keys: string[] = [];
      const prefixFilter = prefix === '' ? undefined : encodeURIComponent(prefix);
      for await (const blob of this.container.listBlobsFlat({ prefix: prefixFilter })) {
        keys.push(decodeURIComponent(blob.name));
      }
      return keys.sort(compareKeys);
    });
  }

  async ping(): Promise<void> {
    await this.guard('ping', async () => {
      await this.ensureContainer();
      await this.container.getProperties();
    });
  }

  async close(): Promise<void> {}

  private ensureContainer(): Promise<unknown> {
    this.containerReady ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.containerReady = undefined;
      throw error;
    });
    return this.containerReady;
  }

  /**
   * `BlobsStorage` creates the container on first use and keeps that promise
   * for its lifetime, even when it failed, so it is created after the
   * container exists and replaced after any failure.
   */
  private async botbuilderStorage(): Promise<BlobsStorage> {
    await this.ensureContainer();
    this.blobs ??= this.createBotbuilderStorage();
    return this.blobs;
  }

  private createBotbuilderStorage(): BlobsStorage {
    const options = this.options;
    const pipeline = { storagePipelineOptions: options.pipeline ?? DEFAULT_PIPELINE };
    return 'connectionString' in options
      ? new BlobsStorage(options.connectionString, options.container, pipeline)
      : new BlobsStorage('', '', pipeline, containerUrl(options.accountUrl, options.container), options.credential);
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.blobs = undefined;
      throw toStorageError(error, operation);
    }
  }
}

/**
 * Returns the blob name botbuilder-azure-blobs gives a key: the URI-encoded key. Its
 * other rewrites (collapsing empty `/` segments, cutting at 1,024 characters)
 * never apply, because `assertValidKey` rejects such keys.
 */
function blobName(key: string): string {
  return encodeURIComponent(key);
}

function containerUrl(accountUrl: string, container: string): string {
  return `${accountUrl.replace(/\/+$/, '')}/${container}`;
}
