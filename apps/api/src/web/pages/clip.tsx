/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { rulesV1, zSourceKind } from '@jianbao/core';
import { raw } from 'hono/html';
import type { ClipView, CollectionView, SimilarMatch, SimilarResult } from '../api-types';
import { formatDate, formatTime, href, Layout, type View } from '../layout';

export interface ClipPageData {
  view: View;
  clip: ClipView;
  collection: CollectionView;
  similar: SimilarResult;
  /** The stored HTML, sanitised again for this page. */
  safeHtml: string;
  people: Map<string, string>;
}

export function ClipPage(props: ClipPageData) {
  const { view, clip: item, collection } = props;
  const { t, label } = view.texts;
  const clip = item.clip;
  const canEdit = collection.role !== 'viewer';
  const link = clip.originalUrl ?? clip.url;
  return (
    <Layout
      view={view}
      title={clip.title}
      crumbs={[
        { label: t('home'), href: href('/') },
        { label: collection.name, href: href(`/collections/${collection.id}`) },
      ]}
    >
      <div class="clip-page">
        <article class="reader" lang={clip.script === 'Hant' ? 'zh-Hant' : 'zh-Hans'}>
          <header>
            <h1>{clip.title}</h1>
            {clip.subtitle && <p class="subtitle">{clip.subtitle}</p>}
            <p class="meta">
              <time datetime={clip.publishedAt ?? undefined}>
                {formatDate(clip.publishedAt, view.texts)}
              </time>
              {(clip.source ?? clip.siteName) && <span>{clip.source ?? clip.siteName}</span>}
              {clip.authors.length > 0 && <span>{clip.authors.join('、')}</span>}
              {link && (
                <a href={safeLink(link)} rel="noopener noreferrer nofollow" target="_blank">
                  {t('original')} ↗
                </a>
              )}
            </p>
          </header>
          <div class="body">
            {props.safeHtml ? raw(props.safeHtml) : clip.text.split(/\n+/).map((p) => <p>{p}</p>)}
          </div>
        </article>
        <aside class="side">
          <section class="card">
            <h2>{t('metadata')}</h2>
            <dl class="facts">
              <dt>{t('published')}</dt>
              <dd>{formatDate(clip.publishedAt, view.texts)}</dd>
              <dt>{t('source')}</dt>
              <dd>{clip.source ?? '—'}</dd>
              <dt>{t('site')}</dt>
              <dd>{clip.siteName ?? '—'}</dd>
              {clip.newspaper && (
                <>
                  <dt>{t('newspaper')}</dt>
                  <dd>
                    {clip.newspaper} {clip.edition}
                  </dd>
                </>
              )}
              <dt>{t('sourceKind')}</dt>
              <dd>{label(clip.sourceKind)}</dd>
              <dt>{t('clippedBy')}</dt>
              <dd>
                {props.people.get(item.createdBy) ?? '—'} · {formatTime(item.createdAt, view.texts)}
              </dd>
              <dt>{t('topic')}</dt>
              <dd>{clip.taxonomy.topics.map((topic) => topic.label).join('、') || '—'}</dd>
              <dt>{t('region')}</dt>
              <dd>
                {clip.taxonomy.regions.map((region) => region.path.join('')).join('、') || '—'}
              </dd>
              <dt>{t('institution')}</dt>
              <dd>{clip.taxonomy.institutions.map((i) => i.name).join('、') || '—'}</dd>
              <dt>{t('tags')}</dt>
              <dd>{item.tags.map((tag) => `#${tag}`).join(' ') || '—'}</dd>
            </dl>
          </section>
          {canEdit ? <EditForm {...props} /> : <p class="muted">{t('readOnly')}</p>}
          <Matches
            view={view}
            title={t('nearDuplicates')}
            matches={[
              ...props.similar.sameUrl,
              ...props.similar.sameText,
              ...props.similar.nearDuplicates,
            ]}
          />
          <Matches view={view} title={t('similarClips')} matches={props.similar.similar} />
        </aside>
      </div>
    </Layout>
  );
}

function EditForm(props: ClipPageData) {
  const { view, clip: item } = props;
  const { t, label } = view.texts;
  const clip = item.clip;
  const topics = new Set(clip.taxonomy.topics.map((topic) => topic.id));
  return (
    <section class="card" id="edit">
      <h2>{t('edit')}</h2>
      <form method="post" action={href(`/clips/${item.id}`)} class="stack">
        <input type="hidden" name="version" value={String(item.version)} />
        <label>
          {t('title')}
          <input name="title" required maxlength={500} value={clip.title} />
        </label>
        <label>
          {t('subtitle')}
          <input name="subtitle" maxlength={500} value={clip.subtitle ?? ''} />
        </label>
        <label>
          {t('published')} <small class="muted">YYYY-MM-DD</small>
          <input
            name="publishedAt"
            value={clip.publishedAt ?? ''}
            pattern="\d{4}-\d{2}(-\d{2}.*)?"
          />
        </label>
        <label>
          {t('source')}
          <input name="source" maxlength={500} value={clip.source ?? ''} />
        </label>
        <label>
          {t('authors')} <small class="muted">、</small>
          <input name="authors" value={clip.authors.join('、')} />
        </label>
        <label>
          {t('sourceKind')}
          <select name="sourceKind">
            {zSourceKind.options.map((kind) => (
              <option value={kind} selected={kind === clip.sourceKind}>
                {label(kind)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('topic')}</legend>
          <div class="choices">
            {rulesV1.topics.map((topic) => (
              <label class="choice">
                <input
                  type="checkbox"
                  name="topic"
                  value={topic.id}
                  checked={topics.has(topic.id)}
                />{' '}
                {topic.label}
              </label>
            ))}
          </div>
        </fieldset>
        {clip.taxonomy.regions.length > 0 && (
          <fieldset>
            <legend>{t('region')}</legend>
            <div class="choices">
              {clip.taxonomy.regions.map((region) => (
                <label class="choice">
                  <input type="checkbox" name="region" value={region.code} checked />{' '}
                  {region.path.join('')}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <label>
          {t('institution')} <small class="muted">、</small>
          <input
            name="institutions"
            value={clip.taxonomy.institutions.map((i) => i.name).join('、')}
          />
        </label>
        <label>
          {t('tags')} <small class="muted">、</small>
          <input name="tags" value={item.tags.join('、')} />
        </label>
        <button type="submit">{t('save')}</button>
      </form>
      <form
        method="post"
        action={href(`/clips/${item.id}/delete`)}
        data-confirm={t('confirmDelete')}
      >
        <button type="submit" class="danger">
          {t('deleteClip')}
        </button>
      </form>
    </section>
  );
}

function Matches(props: { view: View; title: string; matches: SimilarMatch[] }) {
  const { t } = props.view.texts;
  return (
    <section class="card">
      <h2>{props.title}</h2>
      {props.matches.length === 0 ? (
        <p class="muted">{t('noneFound')}</p>
      ) : (
        <ul class="matches">
          {props.matches.map((match) => (
            <li>
              <a href={href(`/clips/${match.clipId}`)}>{match.title}</a>
              <span class="muted">
                {' '}
                {formatDate(match.publishedAt, props.view.texts)} · {t('score')}{' '}
                {Math.round(match.score * 100)}%
                {match.differs.length > 0 &&
                  ` · ${match.differs.map((d) => t(d === 'other-script' ? 'otherScript' : d)).join('、')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Only http(s) links leave the page: a `javascript:` URL stored in a clip is not made a link. */
export function safeLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
