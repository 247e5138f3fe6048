import { type ClipEdit, rulesV1, type SourceKind, zSourceKind } from '@jianbao/core';
import type { ClipView } from './api-types';

/** A form's fields as Hono parses them (`all: true`: repeated names become arrays). */
export type FormValues = Record<string, string | File | (string | File)[] | undefined>;

export interface CollectionEdit {
  clip: ClipEdit;
  tags: string[];
}

function one(form: FormValues, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function all(form: FormValues, name: string): string[] {
  const value = form[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/** `张三、李四, 王五`: lists are typed with the Chinese enumeration comma or any comma. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[、,，;；\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The clip page's edit form as a `PATCH /clips/{id}` body. The API validates it (a wrong date
 * comes back as a 400 naming `clip.publishedAt`); the taxonomy keeps the evidence of what was
 * found and adds what the editor chose.
 */
export function editFromForm(form: FormValues, current: ClipView): CollectionEdit {
  const clip = current.clip;
  const topicIds = new Set(all(form, 'topic'));
  const topics = [
    ...clip.taxonomy.topics.filter((topic) => topicIds.has(topic.id)),
    ...rulesV1.topics
      .filter(
        (rule) => topicIds.has(rule.id) && !clip.taxonomy.topics.some((t) => t.id === rule.id),
      )
      .map((rule) => ({ id: rule.id, label: rule.label, score: 0, evidence: [] })),
  ];
  const regionCodes = new Set(all(form, 'region'));
  const institutionNames = splitList(one(form, 'institutions'));
  const institutions = institutionNames.map(
    (name) =>
      clip.taxonomy.institutions.find((institution) => institution.name === name) ?? {
        name,
        kind: 'other' as const,
        count: 1,
      },
  );
  const kind = one(form, 'sourceKind');
  const edit: ClipEdit = {
    title: one(form, 'title'),
    subtitle: one(form, 'subtitle') || null,
    publishedAt: one(form, 'publishedAt') || null,
    source: one(form, 'source') || null,
    authors: splitList(one(form, 'authors')),
    sourceKind: zSourceKind.safeParse(kind).success ? (kind as SourceKind) : clip.sourceKind,
    taxonomy: {
      ...clip.taxonomy,
      topics,
      regions: clip.taxonomy.regions.filter((region) => regionCodes.has(region.code)),
      institutions,
    },
  };
  return { clip: edit, tags: splitList(one(form, 'tags')) };
}
