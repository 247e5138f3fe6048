import type { Block } from './body';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function safeUrl(src: string | undefined): string | null {
  if (!src) return null;
  try {
    const u = new URL(src, 'https://invalid.invalid/');
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== 'invalid.invalid'
      ? u.href
      : null;
  } catch {
    return null;
  }
}

/** The body as plain paragraphs separated by blank lines; headings are paragraphs too, images and captions are not. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .filter((b) => b.kind !== 'img' && b.kind !== 'caption')
    .map((b) => b.text)
    .join('\n\n');
}

/**
 * The body as sanitised HTML. Built from blocks, text escaped, so nothing the page carried
 * (scripts, event handlers, styles, javascript: links) can reach the output: only p, h2,
 * ul/li, blockquote, pre, figure/img (http(s) sources) and figcaption are written.
 */
export function blocksToHtml(blocks: Block[]): string {
  const out: string[] = [];
  let inList = false;
  for (const b of blocks) {
    if (b.kind !== 'li' && inList) {
      out.push('</ul>');
      inList = false;
    }
    const text = escapeHtml(b.text);
    switch (b.kind) {
      case 'h':
        out.push(`<h2>${text}</h2>`);
        break;
      case 'li':
        if (!inList) out.push('<ul>');
        inList = true;
        out.push(`<li>${text}</li>`);
        break;
      case 'quote':
        out.push(`<blockquote><p>${text}</p></blockquote>`);
        break;
      case 'pre':
        out.push(`<pre>${text}</pre>`);
        break;
      case 'img': {
        const src = safeUrl(b.src);
        if (src)
          out.push(
            `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(b.alt ?? '')}"></figure>`,
          );
        break;
      }
      case 'caption':
        out.push(`<figcaption>${text}</figcaption>`);
        break;
      default:
        out.push(`<p>${text}</p>`);
    }
  }
  if (inList) out.push('</ul>');
  return out.join('\n');
}
