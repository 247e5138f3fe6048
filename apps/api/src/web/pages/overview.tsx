/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { query } from '../api-client';
import type { CollectionView } from '../api-types';
import { BarList } from '../charts/bar-list';
import { StackedBars } from '../charts/stacked-bars';
import { href, Layout, type View } from '../layout';
import { collectionTabs } from './collection';

interface Series {
  value: string;
  label: string;
  total: number;
  counts: number[];
}
interface Item {
  value: string;
  label: string;
  count: number;
}

/** `GET /collections/{id}/overview`. */
export interface Overview {
  total: number;
  months: string[];
  undated: number;
  byTopic: Series[];
  byRegion: Series[];
  sources: Item[];
  institutions: Item[];
}

export function OverviewPage(props: {
  view: View;
  collection: CollectionView;
  overview: Overview;
}) {
  const { view, collection, overview } = props;
  const { t } = view.texts;
  const labels = { total: t('total'), noData: t('noData'), month: t('month'), other: t('other') };
  const filter = (key: string, value: string) =>
    href(`/collections/${collection.id}${query({ [key]: value })}`);
  return (
    <Layout
      view={view}
      title={`${t('overview')} · ${collection.name}`}
      crumbs={[{ label: t('home'), href: href('/') }]}
    >
      <h1>{collection.name}</h1>
      {collectionTabs(view, collection, 'overview')}
      <p class="muted">
        {t('total')} {overview.total} · {t('undated')} {overview.undated}. {t('multiCount')}
      </p>
      <div class="charts">
        <section class="card wide">
          <StackedBars
            title={t('overTimeByTopic')}
            months={overview.months}
            series={overview.byTopic}
            labels={labels}
          />
        </section>
        <section class="card wide">
          <StackedBars
            title={t('overTimeByRegion')}
            months={overview.months}
            series={overview.byRegion}
            labels={labels}
          />
        </section>
        <section class="card">
          <BarList
            noData={t('noData')}
            title={t('topSources')}
            items={overview.sources.map((item) => ({ label: item.label, count: item.count }))}
          />
        </section>
        <section class="card">
          <BarList
            noData={t('noData')}
            title={t('topInstitutions')}
            items={overview.institutions.map((item) => ({
              label: item.label,
              count: item.count,
              href: filter('institution', item.value),
            }))}
          />
        </section>
      </div>
    </Layout>
  );
}
