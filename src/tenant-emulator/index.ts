export { startTenantEmulator } from './server.js';
export * from './demo-seed.js';
export { galleryCatalog } from './gallery-catalog.js';
export type {
  EmulatorState,
  FaultKind,
  FaultRule,
  GalleryApp,
  JsonObject,
  LagSetting,
  LoggedRequest,
  SeedGroup,
  SeedUser,
  StartOptions,
  TenantEmulator,
  TenantSeed,
  VerifiedDomain,
} from './types.js';
