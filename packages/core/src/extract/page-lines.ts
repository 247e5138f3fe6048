/**
 * A page as lines of visible text, in reading order, each with the element it came from:
 * block elements and <br> break lines. Used to find the headline's neighbourhood (the meta line
 * under it, the breadcrumb and newspaper name above it) without regexes over the whole page.
 */
export interface PageLine {
  text: string;
  /** The nearest block-level ancestor (or the element itself). */
  element: Element;
  /** True when (nearly) every character is inside a link: a list item `12-24 <a>headline</a>` counts. */
  linked: boolean;
}

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'SELECT',
  'OPTION',
  'BUTTON',
  'TEXTAREA',
]);
export const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TH',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
  'CAPTION',
  'HTML',
]);

export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden');
}

export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

export function pageLines(
  root: Element,
  opts: { keepHidden?: (el: Element) => boolean } = {},
): PageLine[] {
  const lines: PageLine[] = [];
  let buf = '';
  let linkedChars = 0;
  let block: Element = root;
  const flush = () => {
    const text = collapse(buf);
    if (text)
      lines.push({
        text,
        element: block,
        linked: linkedChars >= text.replace(/\s/g, '').length * 0.7,
      });
    buf = '';
    linkedChars = 0;
  };
  const walk = (node: Node, inLink: boolean) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = child.nodeValue ?? '';
        buf += t;
        if (inLink) linkedChars += t.replace(/\s/g, '').length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (isHidden(el) && !opts.keepHidden?.(el)) continue;
      if (tag === 'BR') {
        flush();
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        const outer = block;
        block = el;
        walk(el, inLink);
        flush();
        block = outer;
      } else {
        walk(el, inLink || tag === 'A');
      }
    }
  };
  walk(root, false);
  flush();
  return lines;
}
