/**
 * Decode a saved page's bytes. Many Chinese pages declare `charset=gbk` but were saved as
 * UTF-8, so strict UTF-8 wins over the declaration; then the declared charset (gb2312/gbk are
 * read as their superset gb18030); then gb18030.
 */
export interface DecodedPage {
  text: string;
  /** The encoding the text was read as: 'utf-8', 'gb18030', 'big5', … */
  charset: string;
  /** Why this charset: a BOM, strict UTF-8, the page's declaration, or the fallback. */
  via: 'bom' | 'utf-8' | 'declared' | 'fallback';
}

const GB_ALIASES = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'hz-gb-2312']);

export function decodeHtml(bytes: Uint8Array): DecodedPage {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: new TextDecoder('utf-8').decode(bytes.subarray(3)),
      charset: 'utf-8',
      via: 'bom',
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      charset: 'utf-16le',
      via: 'bom',
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      charset: 'utf-16be',
      via: 'bom',
    };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      charset: 'utf-8',
      via: 'utf-8',
    };
  } catch {
    // not UTF-8: fall through to the declaration
  }
  const declared = declaredCharset(bytes);
  if (declared) {
    const label = GB_ALIASES.has(declared) ? 'gb18030' : declared;
    try {
      return { text: new TextDecoder(label).decode(bytes), charset: label, via: 'declared' };
    } catch {
      // unknown label: fall back
    }
  }
  return { text: new TextDecoder('gb18030').decode(bytes), charset: 'gb18030', via: 'fallback' };
}

/** The charset a page declares in its first 4 KB (`<meta charset>` or http-equiv). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1] ? m[1].toLowerCase() : null;
}
