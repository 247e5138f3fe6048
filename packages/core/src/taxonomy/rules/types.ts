import type { z } from 'zod';
import type { zInstitution } from '../../clip/schema';

export type InstitutionKind = z.infer<typeof zInstitution>['kind'];

/** One theme and the terms that are evidence for it. */
export interface TopicRule {
  id: string;
  label: string;
  /** Terms as written in simplified Chinese; `weight` defaults to 1. */
  terms: readonly { term: string; weight?: number }[];
  /** A topic is reported only when its score (weighted counts, title hits multiplied) reaches this. */
  minScore: number;
}

/** An institution is a proper name ending in `suffix`. */
export interface InstitutionPattern {
  suffix: string;
  kind: InstitutionKind;
  /** The name must begin with this (中共…委员会). */
  prefix?: string;
  /**
   * The part before the suffix must itself name a place or an institution: 医院党委 and 机关党委
   * are fragments, 东莞市东部中心医院党委 and 白云区委组织部 are not.
   */
  needsNamedOwner?: boolean;
  /** A place alone before the suffix is no name: 大连市医院 means the city's hospitals. */
  placeAloneIsGeneric?: boolean;
  /** Any non-generic name before the suffix is proper: 暨南大学 (but 大学生 is excluded by notAfterSuffix). */
  anyStemIsProper?: boolean;
}

export interface TaxonomyRules {
  version: string;
  topics: readonly TopicRule[];
  /** A term found in the title counts this many times over. */
  titleWeight: number;
  /** Role terms (党委书记, 院长 …), written before a name: 院长胡良. */
  roles: readonly string[];
  /** Roles also written after a name: 焦根龙院长, 马骁驰教授. */
  rolesAfterName: readonly string[];
  /** Words that end a name: 胡良|介绍, 任萍|向记者. */
  wordsAfterName: readonly string[];
  institutionPatterns: readonly InstitutionPattern[];
  /** Words that cannot begin an institution's name: cut the candidate after them (管理|大连睿康…医院). */
  institutionStopWords: readonly string[];
  /** Words of proper institution names: a name holding one is accepted (南方医科大学深圳医院, 暨南大学附属第六医院). */
  institutionNameWords: readonly string[];
  /** Starts of national names, accepted like a place name at the start (中国医科大学, 国家卫健委). */
  nationalNameStarts: readonly string[];
  /** What stands before a suffix without naming anything: 该院, 我院, 医院党委. */
  genericInstitutionStems: readonly string[];
  /** Words that make the name generic when they end it: (广东省)公立医院, 三甲医院. */
  genericStemEndings: readonly string[];
  /** The name of a township, street or community before a clinic's suffix (人和镇卫生院). */
  localPlaceEndings: readonly string[];
  /** What a party organ or government must belong to: its name before 党委 ends with one (…行业党委, …集团党委). */
  ownerEndings: readonly string[];
  /** Characters after a suffix that show it is not one (大学|生). */
  notAfterSuffix: Readonly<Record<string, readonly string[]>>;
  /** City stems that are also ordinary words: they count only with their suffix (来宾市, not 来宾). */
  cityStemsNeedingSuffix: readonly string[];
  /** County-level names that are also ordinary words: they count only right after their city or province. */
  countyNamesNeedingParent: readonly string[];
  /** A place name followed by one of these is a street or a market, not the place (西安路, 吉林市场). */
  wordsAfterNotRegion: readonly string[];
}

/** A team's changes to a rule set: topics by id (added, replaced, or removed), lists extended. */
export interface TaxonomyRulesOverride {
  version?: string;
  topics?: readonly (TopicRule | { id: string; remove: true })[];
  titleWeight?: number;
  roles?: readonly string[];
  rolesAfterName?: readonly string[];
  wordsAfterName?: readonly string[];
  institutionPatterns?: readonly InstitutionPattern[];
  institutionStopWords?: readonly string[];
  institutionNameWords?: readonly string[];
  nationalNameStarts?: readonly string[];
  genericInstitutionStems?: readonly string[];
  genericStemEndings?: readonly string[];
  localPlaceEndings?: readonly string[];
  ownerEndings?: readonly string[];
  notAfterSuffix?: Readonly<Record<string, readonly string[]>>;
  cityStemsNeedingSuffix?: readonly string[];
  countyNamesNeedingParent?: readonly string[];
  wordsAfterNotRegion?: readonly string[];
}
