/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { TokenView } from '../api-types';
import { formatTime, href, Layout, type View } from '../layout';

export function TokensPage(props: { view: View; tokens: TokenView[]; fresh?: string }) {
  const { view } = props;
  const { t } = view.texts;
  return (
    <Layout view={view} title={t('tokens')} crumbs={[{ label: t('home'), href: href('/') }]}>
      <h1>{t('tokens')}</h1>
      <p class="muted">{t('tokensHint')}</p>
      {props.fresh && (
        <p class="flash notice">
          {t('newTokenShown')}{' '}
          <input class="copy" readonly value={props.fresh} aria-label={t('newToken')} />
        </p>
      )}
      <section class="card">
        <form method="post" action={href('/tokens')} class="row">
          <input
            name="name"
            required
            maxlength={200}
            placeholder={t('tokenName')}
            aria-label={t('tokenName')}
          />
          <button type="submit">{t('newToken')}</button>
        </form>
        <table class="grid">
          <thead>
            <tr>
              <th>{t('tokenName')}</th>
              <th>{t('created')}</th>
              <th>{t('lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr>
                <td>{token.name}</td>
                <td>{formatTime(token.createdAt, view.texts)}</td>
                <td>{formatTime(token.lastUsedAt, view.texts)}</td>
                <td>
                  <form
                    method="post"
                    action={href(`/tokens/${token.id}/revoke`)}
                    data-confirm={t('revoke')}
                  >
                    <button type="submit" class="danger">
                      {t('revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
