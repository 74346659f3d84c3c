import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { describeStorageContract } from './contract.js';

describeStorageContract('MemoryStorage', {
  open: async () => new MemoryStorage(),
});
