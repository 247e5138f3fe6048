import type { Clip, SourceKind, Warning } from '../clip/schema';
import { detectScript, hashOfNormalized, normalizeText } from '../normalize';
import { classifyTaxonomy, detectSourceKind } from '../taxonomy';
import type { ArticleMeta } from './assemble-meta';
import type { Block } from './body';
import { blocksToHtml, blocksToText } from './serialize';

export interface ClipParts {
  url: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  title: string;
  subtitle: string | null;
  meta: ArticleMeta;
  blocks: Block[];
  hints: { epaper?: boolean; pdf?: boolean; wechat?: boolean };
  warnings: Warning[];
}

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Han characters and Latin/number words: how Chinese corpora count length. */
export function countWords(text: string): number {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      inWord = false;
    } else if (LETTER_OR_DIGIT.test(ch)) {
      if (!inWord) words++;
      inWord = true;
    } else inWord = false;
  }
  return han + words;
}

export function excerptOf(text: string): string {
  const first = text.split('\n\n').find((p) => p.length >= 20) ?? text;
  return first.length > 140 ? `${first.slice(0, 140)}…` : first;
}

/** The clip from its parts: text and html from the blocks, script, normalised text, taxonomy. */
export function finishClip(p: ClipParts): Clip {
  const text = blocksToText(p.blocks);
  const script = detectScript(`${p.title}${text}`);
  const normalizedText = normalizeText(text);
  const sourceKind: SourceKind = detectSourceKind({
    url: p.canonicalUrl ?? p.url,
    // Text without a page (a selection, a PDF) names its site only through its source and breadcrumb.
    siteName:
      p.siteName ?? ([p.meta.source, ...p.meta.breadcrumb].filter(Boolean).join(' ') || null),
    title: p.title,
    text,
    hints: { ...p.hints, edition: p.meta.edition },
  });
  const normalizedTitle = script === 'Hant' ? normalizeText(p.title) : p.title;
  return {
    url: p.url,
    canonicalUrl: p.canonicalUrl,
    originalUrl: p.meta.originalUrl,
    siteName: p.siteName,
    title: p.title,
    subtitle: p.subtitle,
    publishedAt: p.meta.publishedAt,
    originalPublishedAt: p.meta.originalPublishedAt,
    source: p.meta.source,
    authors: p.meta.authors,
    editors: p.meta.editors,
    newspaper: p.meta.newspaper,
    edition: p.meta.edition,
    column: p.meta.column,
    section: p.meta.section,
    breadcrumb: p.meta.breadcrumb,
    script,
    lang: script === 'Hant' ? 'zh-Hant' : 'zh-Hans',
    text,
    normalizedText,
    html: blocksToHtml(p.blocks),
    excerpt: excerptOf(text),
    wordCount: countWords(text),
    sourceKind,
    taxonomy: classifyTaxonomy({ title: normalizedTitle, text: normalizedText }, undefined, {
      normalized: true,
    }),
    fingerprints: { textHash: text ? hashOfNormalized(normalizedText) : null },
    warnings: p.warnings,
  };
}
