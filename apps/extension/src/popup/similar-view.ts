import type { SimilarResult } from '@jianbao/core/light';
import { el } from './dom';

type Match = SimilarResult['nearDuplicates'][number];

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function matchLine(match: Match, what: string): HTMLElement {
  const differs = match.differs
    .map(
      (d) =>
        ({ longer: '更长 longer', shorter: '删节 cut', 'other-script': '繁简 other script' })[d],
    )
    .join(', ');
  return el(
    'li',
    { class: 'match' },
    el('span', { class: 'what' }, what),
    ' ',
    match.url
      ? el('a', { href: match.url, target: '_blank', rel: 'noreferrer' }, match.title)
      : match.title,
    el(
      'span',
      { class: 'who' },
      ` — ${match.clippedBy.name}, ${when(match.clippedAt)}`,
      differs ? ` (${differs})` : '',
    ),
  );
}

/** The similar check's answer, as the clip form shows it: the strongest news first. */
export function similarView(result: SimilarResult): HTMLElement {
  // One line a clip: the same clip can match by URL and by text.
  const seen = new Set<string>();
  const once = (matches: Match[]) =>
    matches.filter((m) => !seen.has(m.clipId) && seen.add(m.clipId) !== undefined);
  const exact = once([...result.sameUrl, ...result.sameText]);
  const near = once(result.nearDuplicates);
  if (exact.length + near.length + result.similar.length === 0) {
    return el(
      'p',
      { class: 'similar none', 'data-similar': 'none' },
      '没有重复 Not in your collections yet.',
    );
  }
  return el(
    'div',
    {
      class: 'similar',
      'data-similar': exact.length > 0 ? 'already' : near.length > 0 ? 'near' : 'similar',
    },
    exact.length > 0 ? el('p', { class: 'warn' }, '已收录 Already clipped:') : null,
    exact.length > 0 ? el('ul', {}, ...exact.map((m) => matchLine(m, '已收录'))) : null,
    near.length > 0
      ? el('p', { class: 'warn' }, `近似重复 Near duplicate of ${near.length}:`)
      : null,
    near.length > 0 ? el('ul', {}, ...near.slice(0, 3).map((m) => matchLine(m, '近似'))) : null,
    result.similar.length > 0
      ? el(
          'p',
          { class: 'note' },
          `相关 ${result.similar.length} similar clip(s) in your collections.`,
        )
      : null,
  );
}
