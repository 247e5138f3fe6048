import { utf8 } from './bytes';

/**
 * Characters no file may hold on Windows, macOS or in an Obsidian vault (where # ^ [ ] | break
 * links), control characters, and line or paragraph separators.
 */
const ILLEGAL = /[\\/:*?<>|#^[\]\p{Cc}\u2028\u2029\ufeff]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Longest stem, in UTF-8 bytes: with ` (n)` and an extension it stays under the 255 of ext4. */
const MAX_STEM_BYTES = 240;

/**
 * A string made safe as (part of) a file name: ASCII double quotes dropped (`A "B", C` reads
 * `A B, C`), other illegal characters replaced by a space, runs of
 * white space made one space, cut to `maxChars` code points (never inside a surrogate pair) and
 * 240 UTF-8 bytes, without leading or trailing spaces or trailing dots.
 */
export function safeFileName(s: string, maxChars: number): string {
  const cleaned = s
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replaceAll('"', '')
    .replace(ILLEGAL, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  let out = '';
  let chars = 0;
  let bytes = 0;
  for (const ch of cleaned) {
    const size = utf8.encode(ch).length;
    if (chars + 1 > maxChars || bytes + size > MAX_STEM_BYTES) break;
    out += ch;
    chars++;
    bytes += size;
  }
  return out.replace(/[. ]+$/u, '').replace(/^ +/u, '');
}

/**
 * Hands out file names unique within an archive, compared case-insensitively (as on Windows and
 * macOS): `name.md`, then `name (2).md`, `name (3).md`…
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(stem: string, extension: string): string {
    let name = `${stem}${extension}`;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${stem} (${n})${extension}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
