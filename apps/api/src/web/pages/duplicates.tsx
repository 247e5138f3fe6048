/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { normalizeText } from '@jianbao/core';
import type { ClipView, CollectionView, SimilarMatch } from '../api-types';
import { formatDate, href, Layout, type View } from '../layout';
import { collectionTabs } from './collection';

export interface DuplicateGroupView {
  canonical: string;
  matches: (SimilarMatch & { canonical: boolean })[];
  /** The group's clips, read whole, in the order of `matches`. */
  clips: ClipView[];
}

export function DuplicatesPage(props: {
  view: View;
  collection: CollectionView;
  groups: DuplicateGroupView[];
  total: number;
  page: number;
  pageSize: number;
  people: Map<string, string>;
}) {
  const { view, collection } = props;
  const { t } = view.texts;
  const canEdit = collection.role !== 'viewer';
  const base = `/collections/${collection.id}/duplicates`;
  return (
    <Layout
      view={view}
      title={`${t('duplicates')} · ${collection.name}`}
      crumbs={[{ label: t('home'), href: href('/') }]}
    >
      <h1>{collection.name}</h1>
      {collectionTabs(view, collection, 'duplicates')}
      <p class="muted">{t('duplicatesHint')}</p>
      {props.groups.length === 0 && <p>{t('noDuplicates')}</p>}
      {props.groups.map((group, index) => (
        <Group
          view={view}
          collection={collection}
          group={group}
          canEdit={canEdit}
          people={props.people}
          number={(props.page - 1) * props.pageSize + index + 1}
        />
      ))}
      <nav class="pager">
        {props.page > 1 && <a href={href(`${base}?page=${props.page - 1}`)}>← {props.page - 1}</a>}
        {props.page * props.pageSize < props.total && (
          <a href={href(`${base}?page=${props.page + 1}`)}>{props.page + 1} →</a>
        )}
      </nav>
    </Layout>
  );
}

function Group(props: {
  view: View;
  collection: CollectionView;
  group: DuplicateGroupView;
  canEdit: boolean;
  people: Map<string, string>;
  number: number;
}) {
  const { view, group } = props;
  const { t } = view.texts;
  const only = paragraphsOnlyIn(group.clips);
  const resolved = group.clips.some((clip) => clip.canonicalPick);
  const ids = group.clips.map((clip) => clip.id);
  const action = href(`/collections/${props.collection.id}/duplicates`);
  return (
    <section
      class="card group"
      aria-label={`${t('duplicates')} ${props.number}`}
      data-group={group.canonical}
    >
      <h2>
        #{props.number} {resolved && <span class="badge ok">{t('groupResolved')}</span>}
      </h2>
      <div class="side-by-side">
        {group.clips.map((clip, index) => {
          const match = group.matches[index]!;
          const canonical = clip.id === group.canonical;
          return (
            <article class={canonical ? 'copy canonical' : 'copy'}>
              <h3>
                <a href={href(`/clips/${clip.id}`)}>{clip.clip.title}</a>
              </h3>
              {canonical && (
                <p>
                  <span class="badge ok">
                    {t('canonical')}
                    {clip.canonicalPick && ` · ${t('picked')}`}
                  </span>
                </p>
              )}
              <dl class="facts">
                <dt>{t('published')}</dt>
                <dd>{formatDate(clip.clip.publishedAt, view.texts)}</dd>
                <dt>{t('source')}</dt>
                <dd>{clip.clip.source ?? clip.clip.siteName ?? '—'}</dd>
                <dt>{t('clippedBy')}</dt>
                <dd>{props.people.get(clip.createdBy) ?? '—'}</dd>
                <dt>{t('differs')}</dt>
                <dd>
                  {clip.clip.wordCount} 字
                  {!canonical &&
                    match.differs.length > 0 &&
                    ` · ${match.differs.map((d) => t(d === 'other-script' ? 'otherScript' : d)).join('、')}`}
                  {!canonical && ` · ${t('score')} ${Math.round(match.score * 100)}%`}
                </dd>
              </dl>
              <details open={only[index]!.length > 0 && only[index]!.length <= 3}>
                <summary>
                  {t('onlyHere')}: {only[index]!.length}
                </summary>
                {only[index]!.slice(0, 5).map((paragraph) => (
                  <p class="only">{paragraph}</p>
                ))}
              </details>
              {props.canEdit && !canonical && (
                <form method="post" action={action}>
                  <input type="hidden" name="pick" value={clip.id} />
                  <button type="submit" name="action" value="canonical" class="secondary">
                    {t('markCanonical')}
                  </button>
                </form>
              )}
            </article>
          );
        })}
      </div>
      {props.canEdit && (
        <form method="post" action={action} class="row" data-confirm={t('confirmDelete')}>
          <input type="hidden" name="pick" value={group.canonical} />
          {ids.map((id) => (
            <input type="hidden" name="clip" value={id} />
          ))}
          <button type="submit" name="action" value="keep-all">
            {t('keepAll')}
          </button>
          <button type="submit" name="action" value="delete-others" class="danger">
            {t('deleteOthers')}
          </button>
        </form>
      )}
    </section>
  );
}

/** For each clip, the paragraphs no other copy of the group has (compared across scripts). */
export function paragraphsOnlyIn(clips: ClipView[]): string[][] {
  const key = (text: string) => normalizeText(text).replace(/[\s\p{P}\p{S}]/gu, '');
  const whole = clips.map((clip) => key(clip.clip.text));
  return clips.map((clip, index) =>
    clip.clip.text
      .split(/\n+/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => {
        const k = key(paragraph);
        if (k.length < 8) return false;
        return !whole.some((other, j) => j !== index && other.includes(k));
      }),
  );
}
