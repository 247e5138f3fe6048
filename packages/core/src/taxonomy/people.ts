import type { Taxonomy } from '../clip/schema';
import type { InstitutionMention } from './institutions';
import { compoundSurnames, singleSurnames } from './rules/surnames';
import type { TaxonomyRules } from './rules/types';

type Person = Taxonomy['people'][number];

const han = /^\p{Script=Han}$/u;
const surnameSet = new Set(singleSurnames);
// Characters of organisations and roles, never of a given name: keeps 科长 out of 儿科主任.
const notInName = new Set([
  ...'院局委科部会室党区县市省村镇街所站厅处办组队团社司厂校系员长记书主副医院的了在是和与及等向说',
]);
// Where a clause ends: the roles before a name are read back to here.
const clauseEnd = /[。，,；;：:！!？?“”"‘’'（）()《》【】\s—…|]/u;
const longestClause = 48;

function isName(candidate: string): boolean {
  if (![...candidate].every((c) => han.test(c) && !notInName.has(c))) return false;
  const compound = compoundSurnames.some((s) => candidate.startsWith(s));
  if (candidate.length === 4) return compound;
  return compound || surnameSet.has(candidate[0]!);
}

interface Lexicon {
  /** Longest first, so 党委副书记 is read before 副书记. */
  roles: string[];
  rolesAfterName: string[];
  wordsAfterName: string[];
}

function lexicon(rules: TaxonomyRules): Lexicon {
  const byLength = (a: string, b: string) => b.length - a.length;
  return {
    roles: [...rules.roles].sort(byLength),
    rolesAfterName: [...rules.rolesAfterName].sort(byLength),
    wordsAfterName: [...rules.wordsAfterName].sort(byLength),
  };
}

/** Does a name end at `at`: end of text, a non-Han character, or a word that follows names (说, 介绍)? */
function nameEndsAt(text: string, at: number, lex: Lexicon): boolean {
  const next = text[at];
  if (next === undefined || !han.test(next)) return true;
  return lex.wordsAfterName.some((w) => text.startsWith(w, at));
}

function nameAfter(text: string, at: number, lex: Lexicon): string | null {
  for (const length of [2, 3, 4]) {
    const candidate = text.slice(at, at + length);
    if (candidate.length === length && isName(candidate) && nameEndsAt(text, at + length, lex)) {
      return candidate;
    }
  }
  return null;
}

/** A name written before a role (焦根龙院长): it must start after a clause end, a function word or an organisation. */
function nameBefore(text: string, at: number, lex: Lexicon, floor: number): string | null {
  for (const length of [3, 2, 4]) {
    const start = at - length;
    if (start < floor) continue;
    const candidate = text.slice(start, at);
    if (!isName(candidate)) continue;
    const before = text[start - 1];
    if (
      before === undefined ||
      start === floor ||
      !han.test(before) ||
      notInName.has(before) ||
      lex.wordsAfterName.some((w) => text.endsWith(w, start))
    ) {
      return candidate;
    }
  }
  return null;
}

function rolesIn(clause: string, lex: Lexicon): string[] {
  const found: string[] = [];
  for (let i = 0; i < clause.length; ) {
    const role = lex.roles.find((r) => clause.startsWith(r, i));
    if (role) {
      if (!found.includes(role)) found.push(role);
      i += role.length;
    } else i++;
  }
  return found;
}

/**
 * People named with a role: 党委副书记、院长胡良 → 胡良 [党委副书记, 院长]; 焦根龙院长 → 焦根龙 [院长].
 * All roles of the clause before a name are its roles; the institution named in that clause,
 * nearest to the name, is its organisation.
 */
/** Roles by their first character, in the lexicon's order: a scan tries only the roles that can start here. */
const ROLES_BY_FIRST = new WeakMap<readonly string[], Map<string, string[]>>();
function rolesStartingWith(roles: readonly string[], ch: string): string[] | undefined {
  let index = ROLES_BY_FIRST.get(roles);
  if (!index) {
    index = new Map();
    for (const r of roles) {
      const list = index.get(r[0]!) ?? [];
      list.push(r);
      index.set(r[0]!, list);
    }
    ROLES_BY_FIRST.set(roles, index);
  }
  return index.get(ch);
}

export function findPeople(
  text: string,
  rules: TaxonomyRules,
  institutions: readonly InstitutionMention[],
): Person[] {
  const lex = lexicon(rules);
  const people = new Map<string, Person>();
  const add = (name: string, roles: string[], organization: string | null) => {
    const person = people.get(name);
    if (!person) {
      people.set(name, { name, roles, organization });
      return;
    }
    for (const r of roles) if (!person.roles.includes(r)) person.roles.push(r);
    person.organization ??= organization;
  };

  let floor = 0; // a clause never reaches back over the previous person's name
  for (let i = 0; i < text.length; ) {
    const role = rolesStartingWith(lex.roles, text[i]!)?.find((r) => text.startsWith(r, i));
    if (!role) {
      i++;
      continue;
    }
    const roleEnd = i + role.length;
    const before = lex.rolesAfterName.includes(role) ? nameBefore(text, i, lex, floor) : null;
    if (before) {
      add(before, [role], null);
      floor = roleEnd;
      i = roleEnd;
      continue;
    }
    const after = nameAfter(text, roleEnd, lex);
    if (!after) {
      i = roleEnd;
      continue;
    }
    let clauseStart = i;
    while (
      clauseStart > floor &&
      i - clauseStart < longestClause &&
      !clauseEnd.test(text[clauseStart - 1]!)
    ) {
      clauseStart--;
    }
    const roles = rolesIn(text.slice(clauseStart, roleEnd), lex);
    // The nearest institution named in the clause; a party organ only when nothing else is named
    // (白云区卫生健康局, not 白云区卫生健康局机关党委).
    const inClause = institutions
      .filter((m) => m.start >= clauseStart && m.end <= i)
      .sort((a, b) => b.end - a.end);
    const organization = (inClause.find((m) => m.kind !== 'party') ?? inClause[0])?.name ?? null;
    add(after, roles, organization);
    floor = roleEnd + after.length;
    i = floor;
  }
  return [...people.values()];
}
