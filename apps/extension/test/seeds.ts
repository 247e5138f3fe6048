import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Clip, decodeHtml, extractArticle } from '@jianbao/core';
import { JSDOM } from 'jsdom';

const fixtures = fileURLToPath(new URL('../../../packages/core/test/fixtures/', import.meta.url));
const seeds = fileURLToPath(new URL('../../../seeds/', import.meta.url));

/** A seed-shaped page of core's fixtures (UTF-8 or GBK), decoded and parsed as a browser would. */
export function fixturePage(name: string, url = `https://example.cn/${name}.html`): Document {
  const html = decodeHtml(readFileSync(`${fixtures}${name}.html`)).text;
  return new JSDOM(html, { url }).window.document;
}

/** The clip core makes of a fixture page. */
export function fixtureClip(name: string): Clip {
  const result = extractArticle(fixturePage(name), `https://example.cn/${name}.html`);
  if (result.kind !== 'article') throw new Error(`${name} is not an article: ${result.message}`);
  return result.clip;
}

export function seedText(file: string): string {
  return readFileSync(`${seeds}${file}`, 'utf8');
}
