import { describe, expect, it } from 'vitest';
import { safeFileName, UniqueNames } from '../src/names';

describe('safeFileName', () => {
  it('replaces characters illegal on Windows, macOS and in Obsidian links', () => {
    expect(safeFileName('a\\b/c:d*e?f<g>h|i#j^k[l]m', 80)).toBe('a b c d e f g h i j k l m');
    expect(safeFileName('say "hi", then', 80)).toBe('say hi, then');
    expect(safeFileName('line\nbreak\ttab\u0000nul', 80)).toBe('line break tab nul');
  });

  it('keeps Chinese and full-width punctuation', () => {
    expect(safeFileName('陕西汉阴：村医竞聘上岗（图）', 80)).toBe('陕西汉阴：村医竞聘上岗（图）');
  });

  it('cuts at code points, never inside a surrogate pair', () => {
    const cut = safeFileName('😀'.repeat(100), 80);
    expect([...cut]).toHaveLength(60); // 240 UTF-8 bytes of 4-byte emoji
    expect(cut).not.toMatch(/[\ud800-\udbff]$/);
    expect(safeFileName(`${'a'.repeat(79)}😀😀`, 80)).toBe(`${'a'.repeat(79)}😀`);
    expect([...safeFileName('长'.repeat(100), 80)]).toHaveLength(80);
  });

  it('drops trailing dots and spaces, and leading spaces', () => {
    expect(safeFileName('  title... ', 80)).toBe('title');
    expect(safeFileName('a.b.', 80)).toBe('a.b');
    expect(safeFileName(`${'x'.repeat(79)} y`, 80)).toBe('x'.repeat(79));
  });

  it('replaces a lone surrogate', () => {
    expect(safeFileName('a\ud800b', 80)).toBe('a\ufffdb');
  });
});

describe('UniqueNames', () => {
  it('numbers collisions, case-insensitively', () => {
    const names = new UniqueNames();
    expect(names.claim('2024 Title', '.md')).toBe('2024 Title.md');
    expect(names.claim('2024 title', '.md')).toBe('2024 title (2).md');
    expect(names.claim('2024 TITLE', '.md')).toBe('2024 TITLE (3).md');
    expect(names.claim('2024 title (2)', '.md')).toBe('2024 title (2) (2).md');
  });
});
