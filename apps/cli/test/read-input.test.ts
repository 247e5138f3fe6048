import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryReason, SNIFF_BYTES } from '../src/io/binary';
import { BINARY_SIGNATURES } from '../src/io/binary-signatures';
import { readInput } from '../src/io/read-input';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('binaryReason', () => {
  it('passes UTF-8 and GB18030 text, with tabs, newlines and form feeds', () => {
    expect(binaryReason(utf8('<p>党建引领\t发展</p>\r\n\f第二页'))).toBeNull();
    // 中文发布 in GBK: multi-byte sequences never use control bytes
    expect(
      binaryReason(Uint8Array.of(0xd6, 0xd0, 0xce, 0xc4, 0xb7, 0xa2, 0xb2, 0xbc, 0x0a)),
    ).toBeNull();
    expect(binaryReason(new Uint8Array(0))).toBeNull();
  });

  it('passes UTF-16 with a BOM, whose NULs are normal', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'<p>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(binaryReason(le)).toBeNull();
  });

  it('flags NUL bytes', () => {
    expect(binaryReason(Uint8Array.of(0x3c, 0x70, 0x00, 0x3e))).toMatch(/NUL/);
  });

  it('flags a high share of control characters without NULs', () => {
    const bytes = new Uint8Array(1000).fill(0x41);
    for (let i = 0; i < 100; i++) bytes[i * 10] = 0x01;
    expect(binaryReason(bytes)).toMatch(/control characters/);
    // a couple of stray control bytes in a page are not enough
    bytes.fill(0x41);
    bytes[5] = 0x1b;
    expect(binaryReason(bytes)).toBeNull();
  });

  it('looks only at the first 8 KB', () => {
    const bytes = new Uint8Array(SNIFF_BYTES + 10).fill(0x41);
    bytes[SNIFF_BYTES + 5] = 0;
    expect(binaryReason(bytes)).toBeNull();
  });

  it('names known formats by their magic number', () => {
    expect(binaryReason(utf8('%PDF-1.4\n'))).toMatch(/PDF.*--text/);
    expect(binaryReason(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toMatch(
      /PNG/,
    );
  });
});

describe('BINARY_SIGNATURES', () => {
  it('has distinct, non-empty magic numbers that do not match HTML or text', () => {
    const keys = BINARY_SIGNATURES.map((s) => s.magic.join(','));
    expect(new Set(keys).size).toBe(keys.length);
    for (const signature of BINARY_SIGNATURES) {
      expect(signature.magic.length).toBeGreaterThan(1);
      expect(signature.magic.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)).toBe(true);
    }
    for (const text of ['<!doctype html>', '<html>', 'MIME-Version: 1.0', '发布时间']) {
      expect(binaryReason(utf8(text))).toBeNull();
    }
  });
});

describe('readInput', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jianbao-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file whole', async () => {
    const path = join(dir, 'a.html');
    await writeFile(path, '<p>正文</p>');
    const result = await readInput(path);
    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe('<p>正文</p>');
  });

  it('refuses a file over the limit before reading it', async () => {
    const path = join(dir, 'b.html');
    await writeFile(path, 'x'.repeat(2000));
    expect(await readInput(path, 1024)).toMatchObject({ ok: false, code: 'too-large' });
    expect(await readInput(path, 2000)).toMatchObject({ ok: true });
  });

  it('maps file-system errors to codes', async () => {
    expect(await readInput(join(dir, 'missing'))).toMatchObject({ code: 'not-found' });
    expect(await readInput(join(dir, 'a.html', 'below-a-file'))).toMatchObject({
      code: 'not-found',
    });
    expect(await readInput(dir)).toMatchObject({ code: 'is-directory' });
    expect(await readInput('/dev/null')).toMatchObject({ code: 'unreadable' });
  });
});
