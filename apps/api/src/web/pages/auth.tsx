/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { InvitationPreview } from '../api-types';
import { href, Layout, type View } from '../layout';

export function SignInPage(props: { view: View; next?: string; email?: string }) {
  const { t } = props.view.texts;
  return (
    <Layout view={props.view} title={t('signIn')}>
      <section class="narrow card">
        <h1>{t('signIn')}</h1>
        <p class="muted">{t('tagline')}</p>
        <form method="post" action={href('/signin')} class="stack">
          <input type="hidden" name="next" value={props.next ?? ''} />
          <label>
            {t('email')}
            <input
              type="email"
              name="email"
              required
              autocomplete="username"
              value={props.email ?? ''}
            />
          </label>
          <label>
            {t('password')}
            <input type="password" name="password" required autocomplete="current-password" />
          </label>
          <button type="submit">{t('signIn')}</button>
        </form>
        <p>
          {t('noAccount')}{' '}
          <a href={href(`/signup${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`)}>
            {t('signUp')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

export function SignUpPage(props: { view: View; next?: string }) {
  const { t } = props.view.texts;
  return (
    <Layout view={props.view} title={t('signUp')}>
      <section class="narrow card">
        <h1>{t('signUp')}</h1>
        <form method="post" action={href('/signup')} class="stack">
          <input type="hidden" name="next" value={props.next ?? ''} />
          <label>
            {t('name')}
            <input name="name" required maxlength={200} autocomplete="name" />
          </label>
          <label>
            {t('email')}
            <input type="email" name="email" required autocomplete="username" />
          </label>
          <label>
            {t('password')} <small class="muted">({t('passwordHint')})</small>
            <input
              type="password"
              name="password"
              required
              minlength={10}
              autocomplete="new-password"
            />
          </label>
          <button type="submit">{t('signUp')}</button>
        </form>
        <p>
          {t('haveAccount')} <a href={href('/signin')}>{t('signIn')}</a>
        </p>
      </section>
    </Layout>
  );
}

export function InvitationPage(props: { view: View; code: string; invitation: InvitationPreview }) {
  const { t, label } = props.view.texts;
  const { invitation } = props;
  return (
    <Layout view={props.view} title={t('invitation')}>
      <section class="narrow card">
        <h1>{invitation.team.name}</h1>
        {invitation.status === 'open' ? (
          <>
            <p>
              {t('invitedAs')} <strong>{label(invitation.role)}</strong>.
            </p>
            <form
              method="post"
              action={href(`/invitations/${encodeURIComponent(props.code)}/accept`)}
            >
              <button type="submit">{t('joinTeam')}</button>
            </form>
          </>
        ) : (
          <p class="flash error">{t('invitationClosed')}</p>
        )}
      </section>
    </Layout>
  );
}
