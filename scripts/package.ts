// Builds the Teams app package: `npm run package -- --env dev` writes
// build/appPackage.dev.zip from manifest/ and the values in env/.env.dev.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageApp } from './app-package/index.js';

const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } });

try {
  const { zipPath, manifest } = await packageApp({
    envName: values.env,
    rootDirectory: fileURLToPath(new URL('..', import.meta.url)),
    overrides: process.env,
  });
  console.log(`Wrote ${zipPath} (app id ${manifest.id}, bot id ${manifest.bots[0]?.botId}).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
