import { Converter } from 'opencc-js';
import type { Script } from '../clip/schema';

type Convert = (text: string) => string;

// Building a converter loads its dictionaries (~160 ms for t→cn, more for cn→t): do it once, on first use.
let traditionalToSimplified: Convert | null = null;
let simplifiedToTraditional: Convert | null = null;

function t2s(): Convert {
  // 't' is OpenCC's standard traditional; it also covers the machine-converted forms (製度, 麵向).
  traditionalToSimplified ??= Converter({ from: 't', to: 'cn' });
  return traditionalToSimplified;
}

function s2t(): Convert {
  simplifiedToTraditional ??= Converter({ from: 'cn', to: 't' });
  return simplifiedToTraditional;
}

export function toSimplified(text: string): string {
  return t2s()(text);
}

export function toTraditional(text: string): string {
  return s2t()(text);
}

/** Per Han character: does it change under t→s (a traditional form) or s→t (a simplified form)? */
const charScript = new Map<string, { traditional: boolean; simplified: boolean }>();
const han = /\p{Script=Han}/u;

function classifyChar(ch: string): { traditional: boolean; simplified: boolean } {
  let known = charScript.get(ch);
  if (!known) {
    known = { traditional: t2s()(ch) !== ch, simplified: s2t()(ch) !== ch };
    charScript.set(ch, known);
  }
  return known;
}

/**
 * 'Hant' when more characters of the text change under traditional→simplified conversion than
 * under simplified→traditional; characters written the same in both scripts count for neither.
 */
const SAMPLE = 1000;

export function detectScript(text: string): Script {
  let traditional = 0;
  let simplified = 0;
  let seen = 0;
  for (const ch of text) {
    if (!han.test(ch)) continue;
    // A few thousand characters settle it; a long text need not be read to its end.
    if (++seen > SAMPLE) break;
    const c = classifyChar(ch);
    if (c.traditional) traditional++;
    if (c.simplified) simplified++;
  }
  return traditional > simplified ? 'Hant' : 'Hans';
}
