export { classifyTaxonomy } from './classify';
export { findInstitutionMentions, findInstitutions, type InstitutionMention } from './institutions';
export { findPeople } from './people';
export { prepareText } from './prepare';
export { allDivisions, type Division, findRegions } from './regions';
export { mergeRules } from './rules/merge';
export { type SourceKindRule, sourceKindRulesV1 } from './rules/source-kinds';
export type {
  InstitutionKind,
  InstitutionPattern,
  TaxonomyRules,
  TaxonomyRulesOverride,
  TopicRule,
} from './rules/types';
export { rulesV1 } from './rules/v1';
export { detectSourceKind, type SourceKindInput } from './source-kind';
export { findTopics } from './topics';
