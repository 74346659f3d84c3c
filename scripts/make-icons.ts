// Draws the Teams app icons into manifest/. The PNGs are committed; run
// `npx tsx scripts/make-icons.ts` again only after changing the drawing.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawColorIcon, drawOutlineIcon } from './app-package/icons.js';

const manifestDirectory = fileURLToPath(new URL('../manifest/', import.meta.url));

writeFileSync(`${manifestDirectory}color.png`, drawColorIcon());
writeFileSync(`${manifestDirectory}outline.png`, drawOutlineIcon());
console.log(`Wrote color.png and outline.png to ${manifestDirectory}`);
