/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CollectionView, TeamView } from '../api-types';
import { href, Layout, type View } from '../layout';

export function HomePage(props: { view: View; teams: TeamView[]; collections: CollectionView[] }) {
  const { t, label } = props.view.texts;
  const groups = [
    ...props.teams.map((team) => ({
      team,
      collections: props.collections.filter((col) => col.teamId === team.id),
    })),
    { team: null, collections: props.collections.filter((col) => col.teamId === null) },
  ];
  return (
    <Layout view={props.view} title={t('home')}>
      <h1>{t('collections')}</h1>
      {groups.map(({ team, collections }) => (
        <section class="card">
          <h2>
            {team ? (
              <>
                <a href={href(`/teams/${team.id}`)}>{team.name}</a>{' '}
                <span class="badge">{label(team.role)}</span>
              </>
            ) : (
              t('personal')
            )}
          </h2>
          {collections.length === 0 ? (
            <p class="muted">{t('noCollections')}</p>
          ) : (
            <ul class="collections">
              {collections.map((col) => (
                <li>
                  <a href={href(`/collections/${col.id}`)}>{col.name}</a>{' '}
                  <span class="badge">{label(col.role)}</span>
                </li>
              ))}
            </ul>
          )}
          {team?.role !== 'viewer' && (
            <form method="post" action={href('/collections')} class="row">
              {team && <input type="hidden" name="teamId" value={team.id} />}
              <input
                name="name"
                required
                maxlength={200}
                placeholder={t('newCollection')}
                aria-label={t('newCollection')}
              />
              <button type="submit">{t('create')}</button>
            </form>
          )}
        </section>
      ))}
      <section class="card">
        <h2>{t('newTeam')}</h2>
        <form method="post" action={href('/teams')} class="row">
          <input
            name="name"
            required
            maxlength={200}
            placeholder={t('name')}
            aria-label={t('newTeam')}
          />
          <button type="submit">{t('create')}</button>
        </form>
      </section>
    </Layout>
  );
}
