import { Readability } from '@mozilla/readability';
import { CONTENT_SELECTORS } from '../rules/content-selectors';
import { BLOCK_TAGS, collapse, isHidden } from './page-lines';

/** One block of an article body, the unit cleaning and serialisation work on. */
export interface Block {
  kind: 'p' | 'h' | 'li' | 'quote' | 'img' | 'caption' | 'pre';
  text: string;
  /** Every character of the block is bold: a heading written as `<p><strong>…</strong></p>`. */
  bold?: boolean;
  src?: string;
  alt?: string;
  href?: string;
}

const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-url'];

/**
 * Undo what script would have done on a saved or live page: WeChat ships `#js_content` with
 * `visibility:hidden` and reveals it by script, and Readability drops hidden content (its issue
 * #921); images sit in `data-src`.
 */
export function revealScriptedContent(doc: Document): void {
  for (const el of Array.from(
    doc.querySelectorAll('#js_content, .rich_media_content, #img-content'),
  )) {
    const style = el.getAttribute('style');
    if (style)
      el.setAttribute('style', style.replace(/visibility\s*:\s*hidden;?|opacity\s*:\s*0;?/gi, ''));
  }
  for (const img of Array.from(doc.getElementsByTagName('img'))) {
    if (img.getAttribute('src')?.startsWith('http')) continue;
    for (const attr of LAZY_SRC) {
      const v = img.getAttribute(attr);
      if (v && /^(https?:)?\/\//.test(v)) {
        img.setAttribute('src', v);
        break;
      }
    }
  }
}

export interface ReadableBody {
  blocks: Block[];
  byline: string | null;
}

/**
 * Readability, tuned for Chinese; the body as blocks. Readability rewrites the document it
 * reads, so it works on a copy unless the caller hands over a document of its own (`mutate`).
 */
export function readBody(doc: Document, opts: { mutate?: boolean } = {}): ReadableBody | null {
  // A known content container, copied before Readability rewrites the page.
  const container = contentContainer(doc);
  const work = opts.mutate ? doc : (doc.cloneNode(true) as Document);
  revealScriptedContent(work);
  let article: ReturnType<Readability<Node>['parse']>;
  try {
    // 200 characters: Chinese says in 200 what English says in 500 (NOTES.md, Readability #381).
    // The serializer hands back Readability's own element: no HTML string to write and re-parse.
    article = new Readability<Node>(work, {
      charThreshold: 200,
      keepClasses: false,
      serializer: (node) => node,
    }).parse();
  } catch {
    return null;
  }
  if (!article?.content) return null;
  const holder = article.content as Element;
  const byline = article.byline ? collapse(article.byline) : null;
  const read = (article.textContent ?? '').replace(/\s+/g, '').length;
  if (container) {
    const blocks = blocksOf(container);
    const held = blocks.reduce((n, b) => n + b.text.replace(/\s+/g, '').length, 0);
    // Readability took several times what the page's own body container holds, or a fraction
    // of it; the container wins if it is prose, not a list of links.
    if ((read > held * 2.5 || read < held * 0.5) && held >= 150 && linkDensity(container) < 0.3) {
      return { blocks, byline };
    }
  }
  return { blocks: blocksOf(holder), byline };
}

function linkDensity(el: Element): number {
  const all = (el.textContent ?? '').replace(/\s+/g, '').length;
  const linked = Array.from(el.getElementsByTagName('a')).reduce(
    (n, a) => n + (a.textContent ?? '').replace(/\s+/g, '').length,
    0,
  );
  return all === 0 ? 1 : linked / all;
}

/** Selectors are `#id` or `.class`; one pass over the page's elements finds them all. */
const BY_ID = new Map(
  CONTENT_SELECTORS.filter((x) => x.startsWith('#')).map((x) => [
    x.slice(1),
    CONTENT_SELECTORS.indexOf(x),
  ]),
);
const BY_CLASS = new Map(
  CONTENT_SELECTORS.filter((x) => x.startsWith('.')).map((x) => [
    x.slice(1),
    CONTENT_SELECTORS.indexOf(x),
  ]),
);

/** The first known content container holding a real body (150+ characters), as a copy. */
export function contentContainer(doc: Document): Element | null {
  let best: { rank: number; el: Element } | null = null;
  for (const el of Array.from(doc.querySelectorAll('[id], [class]'))) {
    let rank = BY_ID.get(el.getAttribute('id') ?? '') ?? Number.POSITIVE_INFINITY;
    for (const c of (el.getAttribute('class') ?? '').split(/\s+/))
      rank = Math.min(rank, BY_CLASS.get(c) ?? rank);
    if (rank === Number.POSITIVE_INFINITY || (best && best.rank <= rank)) continue;
    if ((el.textContent ?? '').replace(/\s+/g, '').length >= 150) best = { rank, el };
  }
  return best ? (best.el.cloneNode(true) as Element) : null;
}

/** An element's content as blocks: block elements and <br> break; images are their own blocks. */
export function blocksOf(root: Element): Block[] {
  const blocks: Block[] = [];
  let buf = '';
  let boldChars = 0;
  let kind: Block['kind'] = 'p';
  const flush = () => {
    const text = collapse(buf);
    if (text) {
      const plain = text.replace(/\s/g, '').length;
      blocks.push({ kind, text, bold: boldChars >= plain && plain > 0 });
    }
    buf = '';
    boldChars = 0;
  };
  const kindOf = (tag: string): Block['kind'] | null => {
    if (/^H[1-6]$/.test(tag)) return 'h';
    if (tag === 'LI') return 'li';
    if (tag === 'BLOCKQUOTE') return 'quote';
    if (tag === 'FIGCAPTION' || tag === 'CAPTION') return 'caption';
    if (tag === 'PRE') return 'pre';
    return null;
  };
  const walk = (node: Node, bold: boolean) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = child.nodeValue ?? '';
        buf += t;
        if (bold) boldChars += t.replace(/\s/g, '').length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || isHidden(el)) continue;
      if (tag === 'BR') {
        flush();
        continue;
      }
      if (tag === 'IMG') {
        flush();
        const src = el.getAttribute('src') ?? '';
        blocks.push({ kind: 'img', text: '', src, alt: el.getAttribute('alt') ?? '' });
        continue;
      }
      const isBold =
        bold ||
        tag === 'STRONG' ||
        tag === 'B' ||
        /font-weight\s*:\s*(bold|[6-9]00)/i.test(el.getAttribute('style') ?? '');
      if (BLOCK_TAGS.has(tag)) {
        flush();
        const outer = kind;
        kind = kindOf(tag) ?? (outer === 'li' || outer === 'quote' ? outer : 'p');
        walk(el, isBold);
        flush();
        kind = outer;
      } else {
        walk(el, isBold);
      }
    }
  };
  walk(root, false);
  flush();
  return blocks;
}
