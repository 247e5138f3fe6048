import { describe, expect, it } from 'vitest';
import { ApiFailure, normalizeServerUrl } from '../src/api/client';
import { capturePage, MIN_SELECTION_CHARS } from '../src/capture/capture';
import { explainSignInFailure } from '../src/options/options';
import { applyEdits, formValues, parseTags, tagSuggestions } from '../src/popup/form';
import { fixtureClip, fixturePage } from './seeds';

describe('the form', () => {
  const clip = fixtureClip('002-gov-hant');

  it('shows a clip and gives it back unchanged when nothing is edited', () => {
    const checked = applyEdits(clip, formValues(clip));
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.draft.title).toBe(clip.title);
    expect(checked.ok && checked.draft.html).toBe(clip.html);
    expect(checked.ok && checked.draft.authors).toEqual(clip.authors);
  });

  it('takes edits: names split on 、 and commas, empty fields become null, an edited body drops the HTML', () => {
    const values = {
      ...formValues(clip),
      authors: '王明、李华, 张三',
      source: ' ',
      text: '改过的正文。',
    };
    const checked = applyEdits(clip, values);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.draft.authors).toEqual(['王明', '李华', '张三']);
    expect(checked.draft.source).toBeNull();
    expect(checked.draft.html).toBeUndefined();
  });

  it('refuses what the server would refuse, naming the field', () => {
    const checked = applyEdits(clip, {
      ...formValues(clip),
      title: ' ',
      publishedAt: '2024-13-01',
    });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual(['publishedAt', 'title']);
  });

  it('suggests tags from the taxonomy, without repeats', () => {
    const suggestions = tagSuggestions(fixtureClip('001-portal'));
    expect(suggestions.length).toBeGreaterThan(0);
    expect(new Set(suggestions).size).toBe(suggestions.length);
    expect(parseTags('党建，医院, 党建 ;卫健委')).toEqual(['党建', '医院', '卫健委']);
  });
});

describe('capture', () => {
  it('clips the page, or the selection when one is long enough', () => {
    const doc = fixturePage('000-epaper');
    const url = 'https://example.cn/000-epaper.html';
    expect(capturePage(doc, url, '校地共建').mode).toBe('page');
    const selected = doc.body
      .textContent!.replace(/\s+/g, ' ')
      .slice(200, 200 + MIN_SELECTION_CHARS * 10);
    const capture = capturePage(doc, url, selected);
    expect(capture.mode).toBe('selection');
  });
});

describe('the server address and sign-in errors', () => {
  it('normalises an address and refuses what is none', () => {
    expect(normalizeServerUrl('127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('https://jb.example.org/api/')).toBe('https://jb.example.org/api');
    expect(() => normalizeServerUrl('ftp://x')).toThrow(ApiFailure);
  });

  it('says plainly what went wrong', () => {
    expect(explainSignInFailure(new ApiFailure(0, 'network', 'x'), 'http://s')).toContain(
      'Is the server running',
    );
    expect(explainSignInFailure(new ApiFailure(401, 'unauthorized', 'x'), 'http://s')).toContain(
      'did not accept',
    );
    expect(explainSignInFailure(new ApiFailure(429, 'rate-limited', 'x'), 'http://s')).toContain(
      'wait a minute',
    );
  });
});
