import createDOMPurify, { type Config, type WindowLike } from 'dompurify';
import { JSDOM, VirtualConsole } from 'jsdom';

/** Article markup only: what a clip's body needs to keep its structure, nothing that can run or style. */
// biome-ignore format: one list, read as a table
const ARTICLE_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark', 'code', 'pre',
  'figure', 'figcaption', 'img', 'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'caption', 'span', 'div',
];

const GLOBAL_ATTRIBUTES = ['title', 'lang', 'dir'];

/** Attributes allowed on one element only; DOMPurify's ALLOWED_ATTR is global, so the hook enforces this. */
const ATTRIBUTES_BY_TAG: Record<string, readonly string[]> = {
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

/** Named explicitly so a later edit of ARTICLE_TAGS cannot let them in by accident. */
// biome-ignore format: one list
const FORBIDDEN_TAGS = [
  'script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'svg', 'math',
  'template', 'base', 'meta', 'link',
];

const FORBIDDEN_ATTRIBUTES = ['style', 'class', 'id', 'srcset', 'name'];

const LINK_REL = 'noopener noreferrer nofollow';

/** What a browser's URL parser ignores (and more): controls, spaces, Unicode blanks. */
const URL_IGNORED_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a browser ignores these in a URL, so we must too.
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const RASTER_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/**
 * The scheme a browser would see in `url`, lower-cased, or null for a relative URL.
 * Stripping more characters than a browser does can only turn a relative URL into one with a
 * scheme (then refused), never hide a scheme the browser would act on.
 */
function urlScheme(url: string): string | null {
  const match = URL_SCHEME.exec(url.replace(URL_IGNORED_CHARACTERS, ''));
  return match ? match[1]!.toLowerCase() : null;
}

function isAllowedLink(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme === null || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Images must be absolute http(s) (extraction resolves them against the page) or inline rasters; SVG can carry script. */
function isAllowedImageSource(src: string): boolean {
  const scheme = urlScheme(src);
  if (scheme === 'http' || scheme === 'https') return true;
  return scheme === 'data' && RASTER_DATA_IMAGE.test(src.trim());
}

const DIMENSION = /^\d{1,5}%?$/;

function isAllowedAttribute(tag: string, name: string, value: string): boolean {
  if (!GLOBAL_ATTRIBUTES.includes(name) && !ATTRIBUTES_BY_TAG[tag]?.includes(name)) return false;
  switch (name) {
    case 'href':
      return isAllowedLink(value);
    case 'src':
      return isAllowedImageSource(value);
    case 'width':
    case 'height':
    case 'colspan':
    case 'rowspan':
      return DIMENSION.test(value.trim());
    default:
      return true;
  }
}

const CONFIG: Config = {
  ALLOWED_TAGS: ARTICLE_TAGS,
  ALLOWED_ATTR: [...new Set([...GLOBAL_ATTRIBUTES, ...Object.values(ATTRIBUTES_BY_TAG).flat()])],
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // DOMPurify's own URL check, narrowed to our schemes; the hook above is the stricter, per-tag one.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  KEEP_CONTENT: true,
};

/**
 * Builds the sanitiser for a clip's `html` (the article body from extraction or from a client),
 * run before the API stores it so that nothing the page carried can run in our web pages.
 * The jsdom window is made once per sanitiser, not per call and not on import.
 */
export function createHtmlSanitizer(): (html: string) => string {
  // A console of its own, so a page's broken CSS does not print jsdom's parse errors into the API's log.
  const { window } = new JSDOM('', { virtualConsole: new VirtualConsole() });
  const purify = createDOMPurify(window as unknown as WindowLike);

  purify.addHook('uponSanitizeAttribute', (element, event) => {
    const tag = element.nodeName.toLowerCase();
    if (!isAllowedAttribute(tag, event.attrName, event.attrValue)) event.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (element) => {
    if (element.nodeName.toLowerCase() === 'a') element.setAttribute('rel', LINK_REL);
  });

  return (html) => purify.sanitize(html, CONFIG);
}
