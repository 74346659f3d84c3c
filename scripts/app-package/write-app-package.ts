import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** The files of a Teams app package; Teams expects all three at the root of the zip. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Writes the zip with the filled manifest and the icons from `iconDirectory`. */
export async function writeAppPackage(outputPath: string, manifest: unknown, iconDirectory: string): Promise<void> {
  mkdirSync(dirname(outputPath), { recursive: true });

  const zip = new ZipFile();
  // A fixed timestamp keeps the zip identical for identical input.
  const options = { mtime: new Date('2025-01-01T00:00:00Z') };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', options);
  zip.addBuffer(readFileSync(join(iconDirectory, 'color.png')), 'color.png', options);
  zip.addBuffer(readFileSync(join(iconDirectory, 'outline.png')), 'outline.png', options);
  zip.end();

  await pipeline(zip.outputStream, createWriteStream(outputPath));
}
