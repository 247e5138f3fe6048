import { ANONYMOUS_NAMES } from '../rules/labels';

/** Role words that precede names inside a byline value: `南都记者 余毅菁`, `特约记者魏剑`. */
const ROLE_PREFIX =
  /^(?:[\p{Script=Han}]{0,4}?(?:本报|本刊|本台|本网|特约|见习|首席)?(?:记者|通讯员|通訊員|記者|实习生|實習生|摄影|编辑|編輯))\s*/u;

/**
 * Names from a byline value: `汪万里、张子珊`, `周用棣  韩佳玺`, `余毅菁 向雪妮`. Placeholders
 * (佚名, 未知) give none; role words are stripped; an organisation stays as written.
 */
export function parseNames(value: string): string[] {
  const cleaned = value
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, ' ') // (实习生) notes and the like
    .replace(/[。.]+$/, '');
  const out: string[] = [];
  for (let token of cleaned.split(
    /[\s\u3000、，,；;／/|｜丨]+|(?<=[\p{Script=Han}])和(?=[\p{Script=Han}]{2,3}$)/u,
  )) {
    token = token.trim();
    for (;;) {
      const stripped = token.replace(ROLE_PREFIX, '');
      if (stripped === token) break;
      token = stripped;
    }
    token = token.replace(/^[:：]+|[:：]+$/g, '');
    if (!token || ANONYMOUS_NAMES.includes(token)) continue;
    if (/[=<>"'{}\d]/.test(token)) continue; // template junk (`size="20"`), dates, counters
    if (token.length > 24) continue; // a sentence, not a name
    if (/^\d+$/.test(token)) continue;
    if (!out.includes(token)) out.push(token);
  }
  return out;
}

export interface Credit {
  role: string;
  names: string[];
}

const PAREN_ROLE = /(本报记者|特约记者|见习记者|记者|特约通讯员|通讯员|实习生|摄影|编辑)/g;

/**
 * A byline in brackets: `（特约记者魏剑 通讯员刘勇 沈艳丽）`, `（陆水清 王炜昌）`, `(王柄钧)`.
 * Returns null when the bracket holds something other than names.
 */
export function parseBracketByline(text: string): Credit[] | null {
  const m = /^\s*[（(]\s*([^（）()]{2,40})\s*[）)]\s*$/.exec(text);
  if (!m) return null;
  const inner = m[1]!.trim();
  // Names only: Han characters, spaces and separators, optionally role words.
  if (!/^[\p{Script=Han}\s\u3000、，,·]+$/u.test(inner)) return null;
  const credits: Credit[] = [];
  const parts = inner.split(PAREN_ROLE);
  // split with a capture group alternates [before, role, names, role, names…]
  // Text before the first role word names an organisation (`松花江网编辑 孙桂芳`), not a person.
  if (parts.length === 1 && parts[0]!.trim())
    credits.push({ role: '作者', names: splitPlainNames(parts[0]!) });
  for (let i = 1; i < parts.length; i += 2) {
    const role = parts[i]!;
    credits.push({
      role: role.includes('记者') ? '记者' : role,
      names: splitPlainNames(parts[i + 1] ?? ''),
    });
  }
  const all = credits.flatMap((c) => c.names);
  if (all.length === 0 || all.some((n) => n.length < 2 || n.length > 4)) return null;
  return credits.filter((c) => c.names.length > 0);
}

function splitPlainNames(s: string): string[] {
  return s
    .split(/[\s\u3000、，,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** 本报讯 （特约记者魏剑 通讯员刘勇 沈艳丽）… / 本报讯 特约记者陆继才近日从… */
const OPENER_BYLINE =
  /^(?:本报讯|本報訊|本刊讯|本站讯|本网讯|本台讯|(?:新华社|中新社|中新网)[\p{Script=Han}\d]{0,12}电)\s*([（(][^（）()]{2,40}[）)])/u;
const OPENER_ROLE_NAME =
  /^(?:本报讯|本報訊)\s*(?:本报|特约|见习)?记者\s*([\p{Script=Han}]{2,3}?)(?=近日|日前|从|在|获悉|报道|发自|近期|今年|于|对|为|表示|介绍|来到|\d)/u;

/** The byline of a news item's opening: `本报讯（记者 X）`, `新华社巴黎12月9日电（记者唐霁）`. */
export function openerCredits(paragraph: string | undefined): Credit[] {
  if (!paragraph) return [];
  const bracket = OPENER_BYLINE.exec(paragraph);
  if (bracket) return parseBracketByline(bracket[1]!) ?? [];
  const named = OPENER_ROLE_NAME.exec(paragraph);
  return named ? [{ role: '记者', names: [named[1]!] }] : [];
}
