// After `wxt build`: where the unpacked extension is, and how to load it (`pnpm start` prints it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
if (!existsSync(`${folder}/manifest.json`)) {
  console.error(`No extension build in ${folder}: run pnpm --filter @jianbao/extension build`);
  process.exit(1);
}
console.log(`Jianbao extension built: ${folder}`);
console.log('  Chrome: chrome://extensions → Developer mode → Load unpacked → that folder');
console.log(
  '  Firefox: pnpm --filter @jianbao/extension build:firefox, then about:debugging → Load Temporary Add-on',
);
