import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandCatalog } from '../../src/commands/index.js';
import {
  BOT_SCOPES,
  COMMANDS_NOT_IN_MENU,
  MAX_MENU_COMMANDS,
  buildManifest,
} from '../../scripts/app-package/build-manifest.js';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/app-package/icons.js';
import { packageApp } from '../../scripts/app-package/index.js';
import { validateManifest } from '../../scripts/app-package/validate-manifest.js';
import { readZipEntries } from './read-zip.js';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const template: unknown = JSON.parse(readFileSync(join(repository, 'manifest', 'manifest.json'), 'utf8'));

const testValues = {
  APP_ID: '11111111-2222-4333-8444-555555555555',
  BOT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  BOT_DOMAIN: 'sso-bot.contoso.example',
  APP_NAME_SHORT: 'SSO Bot',
  APP_NAME_FULL: 'SSO Bot for Entra gallery apps',
  APP_DESCRIPTION_SHORT: 'Set up SAML single sign-on with approvals.',
  APP_DESCRIPTION_FULL: 'Quotes " and backslashes \\ stay intact.',
  DEVELOPER_NAME: 'Contoso IT',
  DEVELOPER_WEBSITE_URL: 'https://contoso.example/sso-bot',
  DEVELOPER_PRIVACY_URL: 'https://contoso.example/privacy',
  DEVELOPER_TERMS_URL: 'https://contoso.example/terms',
};

function envFile(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}='${value}'`)
    .join('\n');
}

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'app-package-'));
  cpSync(join(repository, 'manifest'), join(root, 'manifest'), { recursive: true });
  cpSync(join(repository, 'package.json'), join(root, 'package.json'));
  cpSync(join(repository, 'env'), join(root, 'env'), { recursive: true, filter: (path) => !path.endsWith('.user') });
  writeFileSync(join(root, 'env', '.env.test'), envFile(testValues));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('packageApp', () => {
  it('builds a manifest that the bundled schema accepts', async () => {
    const { manifest } = await packageApp({ envName: 'test', rootDirectory: root });

    expect(await validateManifest(manifest)).toEqual([]);
    expect(Number((manifest.manifestVersion as string).split('.')[1])).toBeGreaterThanOrEqual(23);
  });

  it('sets the configured app id, bot id and domain', async () => {
    const { manifest } = await packageApp({ envName: 'test', rootDirectory: root });

    expect(manifest.id).toBe(testValues.APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]?.botId).toBe(testValues.BOT_ID);
    expect(manifest.validDomains).toEqual([testValues.BOT_DOMAIN]);
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  it('keeps quotes and backslashes from the env file', async () => {
    const { manifest } = await packageApp({ envName: 'test', rootDirectory: root });

    expect((manifest.description as { full: string }).full).toBe(testValues.APP_DESCRIPTION_FULL);
  });

  it('writes exactly the manifest and both icons at the zip root', async () => {
    const { zipPath, manifest } = await packageApp({ envName: 'test', rootDirectory: root });

    const entries = await readZipEntries(zipPath);

    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    expect(entries.get('color.png')).toEqual(readFileSync(join(root, 'manifest', 'color.png')));
    expect(entries.get('outline.png')).toEqual(readFileSync(join(root, 'manifest', 'outline.png')));
    expect(zipPath).toBe(join(root, 'build', 'appPackage.test.zip'));
  });

  it('takes the version from package.json unless APP_VERSION is set', async () => {
    const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

    const fromPackage = await packageApp({ envName: 'test', rootDirectory: root });
    const overridden = await packageApp({ envName: 'test', rootDirectory: root, overrides: { APP_VERSION: '2.3.4' } });

    expect(fromPackage.manifest.version).toBe(packageVersion);
    expect(overridden.manifest.version).toBe('2.3.4');
  });

  it('lets the .user file and the environment override the file', async () => {
    writeFileSync(join(root, 'env', '.env.test.user'), 'BOT_DOMAIN=user.contoso.example\nDEVELOPER_NAME=From user file\n');

    const { manifest } = await packageApp({
      envName: 'test',
      rootDirectory: root,
      overrides: { DEVELOPER_NAME: 'From environment', UNRELATED: undefined },
    });

    expect(manifest.validDomains).toEqual(['user.contoso.example']);
    expect((manifest.developer as { name: string }).name).toBe('From environment');
  });

  it('names every missing value', async () => {
    const { BOT_ID: _botId, DEVELOPER_NAME: _name, ...incomplete } = testValues;
    writeFileSync(join(root, 'env', '.env.test'), envFile(incomplete));

    await expect(packageApp({ envName: 'test', rootDirectory: root })).rejects.toThrow(/BOT_ID, DEVELOPER_NAME/);
  });

  it('rejects a value the schema does not allow', async () => {
    writeFileSync(join(root, 'env', '.env.test'), envFile({ ...testValues, BOT_ID: 'not-a-guid' }));

    await expect(packageApp({ envName: 'test', rootDirectory: root })).rejects.toThrow(/botId/);
  });

  it('rejects an unknown environment name', async () => {
    await expect(packageApp({ envName: 'staging', rootDirectory: root })).rejects.toThrow(/\.env\.staging not found/);
    await expect(packageApp({ envName: '../x', rootDirectory: root })).rejects.toThrow(/Invalid environment name/);
  });

  it('packages the committed dev environment', async () => {
    const { manifest } = await packageApp({ envName: 'dev', rootDirectory: root });

    expect(await validateManifest(manifest)).toEqual([]);
  });
});

describe('manifest command lists', () => {
  const manifest = buildManifest(template, { ...testValues, APP_VERSION: '1.0.0' }, commandCatalog);
  const expectedCommands = commandCatalog
    .filter((entry) => !COMMANDS_NOT_IN_MENU.has(entry.type))
    .map((entry) => ({ title: entry.title, description: entry.description }));

  it('has one list per scope with the catalog commands', () => {
    const lists = manifest.bots[0]?.commandLists ?? [];

    expect(lists.map((list) => list.scopes)).toEqual(BOT_SCOPES.map((scope) => [scope]));
    for (const list of lists) expect(list.commands).toEqual(expectedCommands);
  });

  it('stays within the Teams limits', () => {
    expect(expectedCommands.length).toBeGreaterThan(0);
    expect(expectedCommands.length).toBeLessThanOrEqual(MAX_MENU_COMMANDS);
    for (const command of expectedCommands) {
      expect(command.title.length).toBeLessThanOrEqual(128);
      expect(command.description.length).toBeLessThanOrEqual(4000);
    }
  });

  it('leaves out only commands that exist in the catalog', () => {
    const catalogTypes = new Set<string>(commandCatalog.map((entry) => entry.type));

    for (const type of COMMANDS_NOT_IN_MENU) expect(catalogTypes).toContain(type);
    expect(catalogTypes).toContain('help');
    expect(COMMANDS_NOT_IN_MENU.has('help')).toBe(false);
  });

  it('fails validation when the bot id is not a GUID', async () => {
    const broken = buildManifest(template, { ...testValues, APP_VERSION: '1.0.0', BOT_ID: 'bot' }, commandCatalog);

    expect((await validateManifest(broken)).join('\n')).toMatch(/botId/);
  });
});

describe('app icons', () => {
  const color = PNG.sync.read(readFileSync(join(repository, 'manifest', 'color.png')));
  const outline = PNG.sync.read(readFileSync(join(repository, 'manifest', 'outline.png')));

  it('has a 192×192 opaque colour icon', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    for (let offset = 3; offset < color.data.length; offset += 4) expect(color.data[offset]).toBe(255);
  });

  it('has a 32×32 outline icon, white on transparent', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);

    let opaquePixels = 0;
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      const [red, green, blue, alpha] = outline.data.subarray(offset, offset + 4);
      if (alpha === 0) continue;
      expect([red, green, blue]).toEqual([255, 255, 255]);
      if (alpha === 255) opaquePixels += 1;
    }
    expect(opaquePixels).toBeGreaterThan(32);
    expect(outline.data[3]).toBe(0);
    expect(outline.data[outline.data.length - 1]).toBe(0);
  });

  it('matches what scripts/make-icons.ts draws', () => {
    expect(readFileSync(join(repository, 'manifest', 'color.png'))).toEqual(drawColorIcon());
    expect(readFileSync(join(repository, 'manifest', 'outline.png'))).toEqual(drawOutlineIcon());
  });
});
