import type { Taxonomy } from '../clip/schema';
import { findInstitutionMentions, findInstitutions } from './institutions';
import { findPeople } from './people';
import { prepareText } from './prepare';
import { findRegions } from './regions';
import type { TaxonomyRules } from './rules/types';
import { rulesV1 } from './rules/v1';
import { findTopics } from './topics';

/**
 * The taxonomy facets of an article: topics with their evidence, institutions, regions and
 * people with their roles. Traditional text is read in simplified form, so names come out
 * simplified.
 */
export function classifyTaxonomy(
  input: { title: string; text: string },
  rules: TaxonomyRules = rulesV1,
  /** The text is already through `normalizeText` (simplified, NFKC): skip preparing it again. */
  options: { normalized?: boolean } = {},
): Taxonomy {
  const title = prepareText(input.title);
  const body = options.normalized ? input.text : prepareText(input.text);
  // The title names the same people and places as the body: read them together, once.
  const text = body.includes(title) ? body : `${title}\n\n${body}`;
  const mentions = findInstitutionMentions(text, rules);
  const people = findPeople(text, rules, mentions);
  // Person names hide place names (金昌晓 is not 金昌市): blank them before looking for places.
  let placesText = text;
  for (const person of people)
    placesText = placesText.replaceAll(person.name, '〇'.repeat(person.name.length));
  return {
    version: rules.version,
    topics: findTopics(title, body, rules),
    institutions: findInstitutions(text, rules),
    regions: findRegions(placesText, rules),
    people,
  };
}
