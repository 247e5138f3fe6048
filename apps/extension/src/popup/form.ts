import { zClipDraft } from '@jianbao/core/draft';
import type { Clip, ClipDraft } from '@jianbao/core/light';
import { draftFromClip } from '../queue/enqueue';

/** The fields the clip form shows, in its order: what a user checks before saving. */
export const FORM_FIELDS = [
  { key: 'title', label: '标题 Title', kind: 'line' },
  { key: 'subtitle', label: '副题 Subtitle', kind: 'line' },
  { key: 'publishedAt', label: '日期 Date', kind: 'line' },
  { key: 'source', label: '来源 Source', kind: 'line' },
  { key: 'authors', label: '作者 Authors', kind: 'list' },
  { key: 'newspaper', label: '报纸 Newspaper', kind: 'line' },
  { key: 'edition', label: '版面 Edition', kind: 'line' },
  { key: 'text', label: '正文 Body', kind: 'body' },
] as const;

export type FormKey = (typeof FORM_FIELDS)[number]['key'];
export type FormValues = Record<FormKey, string>;

/** Lists are edited as one line: names split on 、 ， , ; or spaces between Latin names. */
const LIST_SEPARATOR = /\s*[、，,;；]\s*/;

/** A clip's values as the form shows them. */
export function formValues(clip: Clip): FormValues {
  return {
    title: clip.title,
    subtitle: clip.subtitle ?? '',
    publishedAt: clip.publishedAt ?? '',
    source: clip.source ?? '',
    authors: clip.authors.join('、'),
    newspaper: clip.newspaper ?? '',
    edition: clip.edition ?? '',
    text: clip.text,
  };
}

export type FormCheck =
  | { ok: true; draft: ClipDraft }
  | { ok: false; errors: Partial<Record<FormKey | 'form', string>> };

/**
 * The clip with the user's edits, checked as the server will check it (the same zod schema), so
 * a wrong date is said in the form, not found later in the queue. Empty optional fields become
 * null. The body, when edited, replaces the HTML (which no longer matches it).
 */
export function applyEdits(clip: Clip, values: FormValues): FormCheck {
  const draft = draftFromClip(clip);
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  const edited: ClipDraft = {
    ...draft,
    title: values.title.trim(),
    subtitle: optional(values.subtitle),
    publishedAt: optional(values.publishedAt),
    source: optional(values.source),
    authors: values.authors
      .split(LIST_SEPARATOR)
      .map((name) => name.trim())
      .filter(Boolean),
    newspaper: optional(values.newspaper),
    edition: optional(values.edition),
    text: values.text,
  };
  if (values.text !== clip.text) {
    delete edited.html;
    delete edited.excerpt;
  }
  const parsed = zClipDraft.safeParse(edited);
  if (parsed.success) return { ok: true, draft: edited };
  const errors: Partial<Record<FormKey | 'form', string>> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    const field = FORM_FIELDS.some((f) => f.key === key) ? (key as FormKey) : 'form';
    errors[field] ??=
      field === 'publishedAt' ? 'a date such as 2024-05-01 or 2024-05-01T08:30' : issue.message;
  }
  return { ok: false, errors };
}

/**
 * Tags the taxonomy suggests for a clip: its topics, then institutions and places it names,
 * strongest first, without repeats.
 */
export function tagSuggestions(clip: Clip, limit = 8): string[] {
  const { topics, institutions, regions } = clip.taxonomy;
  const names = [
    ...[...topics].sort((a, b) => b.score - a.score).map((t) => t.label),
    ...[...institutions].sort((a, b) => b.count - a.count).map((i) => i.name),
    ...[...regions].sort((a, b) => b.count - a.count).map((r) => r.name),
  ];
  return [...new Set(names)].slice(0, limit);
}

/** `党建, 医院，卫健委` → three tags; duplicates and blanks dropped. */
export function parseTags(input: string): string[] {
  return [
    ...new Set(
      input
        .split(LIST_SEPARATOR)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}
