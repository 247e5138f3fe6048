import type { SourceKind } from '../clip/schema';
import { toSimplified } from '../normalize';
import { type SourceKindRule, sourceKindRulesV1 } from './rules/source-kinds';

export interface SourceKindInput {
  url: string | null;
  siteName: string | null;
  title: string;
  text: string;
  /** What the extractor saw in the page itself: these win over the site's URL and name. */
  hints: { epaper?: boolean; pdf?: boolean; wechat?: boolean; edition?: string | null };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The kind of page a clip came from: the extractor's hints first (a PDF page, an e-paper
 * edition, a WeChat article), then the site rules on host and site name, else 'other'.
 */
export function detectSourceKind(
  input: SourceKindInput,
  rules: readonly SourceKindRule[] = sourceKindRulesV1,
): SourceKind {
  const { hints } = input;
  if (hints.pdf) return 'pdf-newspaper';
  if (hints.epaper || hints.edition) return 'epaper';
  if (hints.wechat) return 'wechat';
  const host = hostOf(input.url);
  // Rules are written in simplified characters; a traditional-script site matches them too.
  const siteName = input.siteName?.trim() ? toSimplified(input.siteName.trim()) : null;
  // Host rules first: a site's name is free text, its host is not.
  for (const rule of rules) {
    if (host && rule.hosts?.some((p) => p.test(host))) return rule.kind;
  }
  for (const rule of rules) {
    if (siteName && rule.siteNames?.some((p) => p.test(siteName))) return rule.kind;
  }
  return 'other';
}
