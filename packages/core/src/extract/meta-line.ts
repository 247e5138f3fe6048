import { LABEL_RULES, LABEL_SEPARATOR, type MetaField } from '../rules/labels';

export interface LabelledValue {
  field: MetaField;
  label: string;
  role: string | null;
  value: string;
}

interface LabelInfo {
  field: MetaField;
  role: string | null;
}

const LABEL_INDEX = new Map<string, LabelInfo>();
for (const rule of LABEL_RULES) {
  for (const label of rule.labels) {
    if (!LABEL_INDEX.has(label))
      LABEL_INDEX.set(label, { field: rule.field, role: rule.role ?? null });
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALTERNATION = [...LABEL_INDEX.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
// A label starts a line or follows a space, bracket or punctuation, and is followed by a separator.
const BOUNDARY = '(?<=^|[\\s\\u3000,，;；|｜()（）【】\\[\\]>》])';
const LABEL_RE = new RegExp(`${BOUNDARY}(${ALTERNATION})${LABEL_SEPARATOR}`, 'g');

/** Words that end a value: page controls printed on the same line as the metadata. */
const VALUE_STOP =
  /\s*(?:上一篇|下一篇|上一页|下一页|【?打印|【?关闭|【?關閉|分享到|分享|收藏|字号|字號|\[?\s*大\s+中\s+小|【\s*大|【\s*字体|返回顶部|浏览次数|瀏覽次數).*$/;

/**
 * The labelled values of one line: `发布时间:2024-11-20 23:46:40 作者:佚名 来源: 中共辽宁省委组织部`
 * → date, author, source. Each value runs to the next label.
 */
const SEPARATOR_CHAR = /[:：|｜丨/／]/;

export function readLabelledLine(line: string): LabelledValue[] {
  // Every label is followed by a separator: a line without one holds none (most lines).
  if (!SEPARATOR_CHAR.test(line)) return [];
  const text = line.replace(/\u00a0/g, ' ');
  const hits: { label: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(LABEL_RE)) {
    hits.push({ label: m[1]!, start: m.index!, end: m.index! + m[0].length });
  }
  const out: LabelledValue[] = [];
  hits.forEach((hit, i) => {
    const next = hits[i + 1];
    const raw = text.slice(hit.end, next ? next.start : text.length);
    const value = raw.replace(VALUE_STOP, '').trim();
    const info = LABEL_INDEX.get(hit.label)!;
    out.push({ field: info.field, label: hit.label, role: info.role, value });
  });
  return out;
}

/** True when a line is mostly metadata labels and their values (not a body paragraph). */
export function isMetaLine(line: string): boolean {
  const values = readLabelledLine(line);
  if (values.length === 0) return false;
  // An interview's `记者：首先欢迎你…` is a question, not a byline: a person's label followed by prose.
  const person = (v: LabelledValue) =>
    v.field === 'author' || v.field === 'editor' || v.field === 'photo';
  if (
    values.every(person) &&
    values.some((v) => v.value.length > 30 || /[，。？！,?!]/.test(v.value))
  )
    return false;
  // A meta line may open with its date: `2005-01-06 08:13更新 来源：转载文章`.
  const lead = /^[\s\d\-/.:年月日时分秒]{8,22}(?:更新|发布|發佈)?\s*/.exec(line)?.[0].length ?? 0;
  const first = line.search(LABEL_RE_NONGLOBAL) - lead;
  // The label must come near the start and the line must be short: a sentence that happens to
  // contain "时间：" is body text.
  // Several labels on one short line are a credits line wherever the first stands: `…供稿 摄影/张艳 编辑/苏芳`.
  if (values.length >= 2 && line.length <= 80) return true;
  return first >= 0 && first <= 12 && line.length <= 160;
}

const LABEL_RE_NONGLOBAL = new RegExp(LABEL_RE.source);
