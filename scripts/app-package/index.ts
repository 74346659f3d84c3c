import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandCatalog } from '../../src/commands/index.js';
import { buildManifest, type TeamsManifest } from './build-manifest.js';
import { loadPackageEnv } from './package-env.js';
import { validateManifest } from './validate-manifest.js';
import { writeAppPackage } from './write-app-package.js';

export interface PackageAppOptions {
  /** Environment name: values come from `env/.env.<name>`. */
  envName: string;
  /** The repository root, which contains `manifest/`, `env/` and `build/`. */
  rootDirectory: string;
  overrides?: NodeJS.ProcessEnv;
}

export interface PackageAppResult {
  zipPath: string;
  manifest: TeamsManifest;
}

/** Fills the manifest template for one environment, validates it and writes `build/appPackage.<name>.zip`. */
export async function packageApp(options: PackageAppOptions): Promise<PackageAppResult> {
  const manifestDirectory = join(options.rootDirectory, 'manifest');
  const values = loadPackageEnv(options.envName, {
    envDirectory: join(options.rootDirectory, 'env'),
    overrides: options.overrides,
  });
  values.APP_VERSION ??= packageVersion(options.rootDirectory);

  const template: unknown = JSON.parse(readFileSync(join(manifestDirectory, 'manifest.json'), 'utf8'));
  const manifest = buildManifest(template, values, commandCatalog);

  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    throw new Error(`The filled manifest for "${options.envName}" is invalid:\n  ${errors.join('\n  ')}`);
  }

  const zipPath = join(options.rootDirectory, 'build', `appPackage.${options.envName}.zip`);
  await writeAppPackage(zipPath, manifest, manifestDirectory);
  return { zipPath, manifest };
}

function packageVersion(rootDirectory: string): string {
  const packageJson = JSON.parse(readFileSync(join(rootDirectory, 'package.json'), 'utf8')) as { version: string };
  return packageJson.version;
}
