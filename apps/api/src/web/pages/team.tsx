/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { InvitationView, TeamDetail } from '../api-types';
import { formatTime, href, Layout, type View } from '../layout';

const ROLES = ['owner', 'editor', 'viewer'] as const;

export function TeamPage(props: {
  view: View;
  team: TeamDetail;
  invitations: InvitationView[];
  /** The link of an invitation just made, shown at the top. */
  fresh?: string;
}) {
  const { view, team } = props;
  const { t, label } = view.texts;
  const owner = team.role === 'owner';
  return (
    <Layout view={view} title={team.name} crumbs={[{ label: t('home'), href: href('/') }]}>
      <h1>
        {team.name} <span class="badge">{label(team.role)}</span>
      </h1>
      <section class="card">
        <h2>{t('members')}</h2>
        <table class="grid">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('email')}</th>
              <th>{t('role')}</th>
              <th>{t('joined')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {team.members.map((member) => (
              <tr>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>
                  {owner ? (
                    <form
                      method="post"
                      action={href(`/teams/${team.id}/members/${member.userId}`)}
                      class="row"
                    >
                      <select name="role" aria-label={`${t('role')}: ${member.name}`}>
                        {ROLES.map((role) => (
                          <option value={role} selected={role === member.role}>
                            {label(role)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" name="action" value="role">
                        {t('change')}
                      </button>
                    </form>
                  ) : (
                    label(member.role)
                  )}
                </td>
                <td>{formatTime(member.joinedAt, view.texts)}</td>
                <td>
                  {(owner || member.userId === view.user?.id) && (
                    <form
                      method="post"
                      action={href(`/teams/${team.id}/members/${member.userId}`)}
                      data-confirm={t('confirmDelete')}
                    >
                      <button type="submit" name="action" value="remove" class="danger">
                        {member.userId === view.user?.id ? t('leave') : t('remove')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {owner && (
        <section class="card">
          <h2>{t('invite')}</h2>
          {props.fresh && (
            <p class="flash notice">
              {t('inviteLink')}:{' '}
              <input class="copy" readonly value={props.fresh} aria-label={t('inviteLink')} />
            </p>
          )}
          <p class="muted">{t('inviteHint')}</p>
          <form method="post" action={href(`/teams/${team.id}/invitations`)} class="row">
            <select name="role" aria-label={t('role')}>
              <option value="editor">{label('editor')}</option>
              <option value="viewer">{label('viewer')}</option>
            </select>
            <button type="submit">{t('invite')}</button>
          </form>
          {props.invitations.length > 0 && (
            <>
              <h3>{t('invitations')}</h3>
              <table class="grid">
                <tbody>
                  {props.invitations.map((invitation) => (
                    <tr>
                      <td>
                        <code>{invitation.code}</code>
                      </td>
                      <td>{label(invitation.role)}</td>
                      <td>
                        {t('expires')} {formatTime(invitation.expiresAt, view.texts)}
                      </td>
                      <td>
                        <form
                          method="post"
                          action={href(`/teams/${team.id}/invitations/${invitation.id}/withdraw`)}
                        >
                          <button type="submit" class="link">
                            {t('withdraw')}
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
