import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Clip, extractFromText } from '@jianbao/core';

export { uuidv7 } from '@jianbao/core';

// Test data without vitest, so the benchmark can use it too.

// Real clips: core's text mode over the seed texts (one of them traditional, one a PDF page
// of several stories).
const seedsDir = join(import.meta.dirname, '..', '..', '..', 'seeds');
export const seedClips: Clip[] = readdirSync(seedsDir)
  .filter((file) => file.endsWith('.txt'))
  .flatMap((file) => {
    const result = extractFromText(readFileSync(join(seedsDir, file), 'utf8'));
    return result.kind === 'articles' ? result.clips : [];
  });

export const draftHash = (clip: Clip) =>
  createHash('sha256').update(JSON.stringify(clip)).digest('hex');
