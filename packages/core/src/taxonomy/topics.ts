import type { Taxonomy } from '../clip/schema';
import type { TaxonomyRules } from './rules/types';

type Topic = Taxonomy['topics'][number];

function occurrences(text: string, term: string): number {
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

/**
 * Topics whose evidence is strong enough: each term's count times its weight, title hits
 * counted `titleWeight` times over, summed and compared with the topic's `minScore`.
 * Best first; evidence lists the terms found with their counts (title and body together).
 */
export function findTopics(title: string, text: string, rules: TaxonomyRules): Topic[] {
  const topics: Topic[] = [];
  for (const rule of rules.topics) {
    let score = 0;
    const evidence: Topic['evidence'] = [];
    for (const { term, weight = 1 } of rule.terms) {
      const inTitle = occurrences(title, term);
      const inText = occurrences(text, term);
      if (inTitle + inText === 0) continue;
      score += weight * (inText + rules.titleWeight * inTitle);
      evidence.push({ term, count: inTitle + inText });
    }
    if (score >= rule.minScore && evidence.length > 0) {
      evidence.sort((a, b) => b.count - a.count);
      topics.push({
        id: rule.id,
        label: rule.label,
        score: Math.round(score * 100) / 100,
        evidence,
      });
    }
  }
  return topics.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
