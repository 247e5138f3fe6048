import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Clip, extractFromText } from '@jianbao/core';

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

/** The client makes clip ids: UUIDv7, time first. */
export function uuidv7(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const draftHash = (clip: Clip) =>
  createHash('sha256').update(JSON.stringify(clip)).digest('hex');
