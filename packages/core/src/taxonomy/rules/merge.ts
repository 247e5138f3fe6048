import type { TaxonomyRules, TaxonomyRulesOverride, TopicRule } from './types';

const listKeys = [
  'roles',
  'rolesAfterName',
  'wordsAfterName',
  'institutionStopWords',
  'institutionNameWords',
  'nationalNameStarts',
  'genericInstitutionStems',
  'genericStemEndings',
  'localPlaceEndings',
  'ownerEndings',
  'cityStemsNeedingSuffix',
  'countyNamesNeedingParent',
  'wordsAfterNotRegion',
] as const;

function union(base: readonly string[], extra: readonly string[] | undefined): string[] {
  return extra ? [...new Set([...base, ...extra])] : [...base];
}

/**
 * A team's rules: the base with the override applied. Topics are matched by id: a topic in the
 * override replaces the base one or is added; `{ id, remove: true }` drops it. Word lists are
 * extended, institution patterns added. The version says both, so a clip records which it used.
 */
export function mergeRules(base: TaxonomyRules, override: TaxonomyRulesOverride): TaxonomyRules {
  const topics = new Map<string, TopicRule>(base.topics.map((t) => [t.id, t]));
  for (const topic of override.topics ?? []) {
    if ('remove' in topic) topics.delete(topic.id);
    else topics.set(topic.id, topic);
  }
  const merged: TaxonomyRules = {
    ...base,
    version: override.version ?? `${base.version}+override`,
    titleWeight: override.titleWeight ?? base.titleWeight,
    topics: [...topics.values()],
    institutionPatterns: [...base.institutionPatterns, ...(override.institutionPatterns ?? [])],
    notAfterSuffix: { ...base.notAfterSuffix },
  };
  for (const [suffix, words] of Object.entries(override.notAfterSuffix ?? {})) {
    merged.notAfterSuffix = {
      ...merged.notAfterSuffix,
      [suffix]: union(merged.notAfterSuffix[suffix] ?? [], words),
    };
  }
  for (const key of listKeys) merged[key] = union(base[key], override[key]);
  return merged;
}
