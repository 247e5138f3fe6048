/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import type { Child } from 'hono/jsx';
import { ApiFailure, type Fetch, PageApi, query } from './api-client';
import type {
  ClipList,
  ClipView,
  CollectionView,
  DuplicateGroups,
  InvitationPreview,
  InvitationView,
  NewToken,
  TeamDetail,
  TeamView,
  TokenView,
  UserView,
} from './api-types';
import { type CollectionEdit, editFromForm, type FormValues } from './forms';
import { pickLang, textsFor } from './i18n';
import { href, type View } from './layout';
import { InvitationPage, SignInPage, SignUpPage } from './pages/auth';
import { ClipPage } from './pages/clip';
import {
  Browse,
  CollectionPage,
  type CollectionPageData,
  type FacetCounts,
  FILTER_KEYS,
  type Filters,
} from './pages/collection';
import { type DuplicateGroupView, DuplicatesPage } from './pages/duplicates';
import { ErrorPage } from './pages/error';
import { HomePage } from './pages/home';
import { type Overview, OverviewPage } from './pages/overview';
import { TeamPage } from './pages/team';
import { TokensPage } from './pages/tokens';
import { peopleOf } from './people';
import {
  endSession,
  hasFlash,
  readSession,
  type Session,
  setFlash,
  startSession,
  takeFlash,
} from './session';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const APP_CSS = asset('app.css') + asset('../charts/charts.css');
const APP_JS = asset('app.js');

/**
 * No inline script or style anywhere: whatever a stored clip carries cannot run here even if
 * the sanitiser missed it. Images may come from the clipped sites.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https: http:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

type Signed = { api: PageApi; view: View & { user: UserView }; session: Session };

/**
 * The team's web pages under /app: rendered on the server with Hono's JSX, reading and writing
 * through the API in process with the signed-in user's token.
 */
export function createWeb(options: { fetch: Fetch; sanitize: (html: string) => string }) {
  const web = new Hono();
  const apiWith = (session?: Session) => new PageApi(options.fetch, session?.token);

  web.use(async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // Forms are checked for their origin; the session cookie is SameSite=Strict as well.
  web.use(csrf());

  web.get('/assets/app.css', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  web.get('/assets/app.js', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  const viewOf = (c: Context): View => ({
    texts: textsFor(pickLang(c)),
    here: `${new URL(c.req.url).pathname}${new URL(c.req.url).search}`,
    flash: takeFlash(c),
  });
  const render = (c: Context, body: Child, status = 200) =>
    c.html(`<!doctype html>${String(body)}`, status as 200);

  /** A page for a signed-in user: sign-in first when there is no live session. */
  const page =
    (handler: (c: Context, signed: Signed) => Promise<Child | Response>) => async (c: Context) => {
      const session = readSession(c);
      const view = viewOf(c);
      const toSignIn = () => c.redirect(href(`/signin${query({ next: view.here })}`));
      if (!session) return toSignIn();
      const api = apiWith(session);
      try {
        const me = await api.get<{ user: UserView }>('/me');
        const result = await handler(c, { api, view: { ...view, user: me.user }, session });
        return result instanceof Response ? result : render(c, result);
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        if (error.status === 401) {
          endSession(c);
          return toSignIn();
        }
        return render(
          c,
          <ErrorPage view={view} status={error.status} message={error.message} />,
          error.status,
        );
      }
    };

  /**
   * A form's target: does the writes, then goes back (Post/Redirect/Get) with a notice, or with
   * the API's error and the field it named.
   */
  const action =
    (handler: (c: Context, signed: Signed, form: FormValues) => Promise<string>) =>
    async (c: Context) => {
      const session = readSession(c);
      if (!session) return c.redirect(href('/signin'));
      const api = apiWith(session);
      const view = viewOf(c);
      const form = (await c.req.parseBody({ all: true })) as FormValues;
      const back = sameOriginReferer(c) ?? href('/');
      try {
        const me = await api.get<{ user: UserView }>('/me');
        const to = await handler(c, { api, view: { ...view, user: me.user }, session }, form);
        if (!hasFlash(c)) setFlash(c, { kind: 'notice', text: view.texts.t('saved') });
        return c.redirect(to === 'back' ? back : to, 303);
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        if (error.status === 401) {
          endSession(c);
          return c.redirect(href('/signin'), 303);
        }
        const text = error.status === 403 ? view.texts.t('forbidden') : error.message;
        setFlash(c, {
          kind: 'error',
          text: error.field ? `${error.field}: ${text}` : text,
          field: error.field,
        });
        return c.redirect(back, 303);
      }
    };

  // Signing in and out.
  web.get('/signin', (c) =>
    render(c, <SignInPage view={viewOf(c)} next={safeNext(c.req.query('next'))} />),
  );
  web.get('/signup', (c) =>
    render(c, <SignUpPage view={viewOf(c)} next={safeNext(c.req.query('next'))} />),
  );
  web.post('/signin', async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    const view = viewOf(c);
    const next = safeNext(form.next);
    try {
      const session = await apiWith().call<NewToken>('POST', '/auth/signin', {
        email: String(form.email ?? ''),
        password: String(form.password ?? ''),
        tokenName: `Web: ${browserName(c.req.header('user-agent'))}`,
      });
      startSession(c, { tokenId: session.tokenInfo.id, token: session.token });
      return c.redirect(next ?? href('/'), 303);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const text =
        error.status === 401 || error.status === 400
          ? view.texts.t('wrongCredentials')
          : error.message;
      return render(
        c,
        <SignInPage
          view={{ ...view, flash: { kind: 'error', text } }}
          next={next}
          email={String(form.email ?? '')}
        />,
        error.status === 429 ? 429 : 401,
      );
    }
  });
  web.post('/signup', async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    const view = viewOf(c);
    try {
      const session = await apiWith().call<NewToken>('POST', '/auth/signup', {
        email: String(form.email ?? ''),
        name: String(form.name ?? ''),
        password: String(form.password ?? ''),
      });
      startSession(c, { tokenId: session.tokenInfo.id, token: session.token });
      return c.redirect(safeNext(form.next) ?? href('/'), 303);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const text = error.field ? `${error.field}: ${error.message}` : error.message;
      return render(
        c,
        <SignUpPage
          view={{ ...view, flash: { kind: 'error', text } }}
          next={safeNext(form.next)}
        />,
        error.status as 400,
      );
    }
  });
  web.post('/signout', async (c) => {
    const session = readSession(c);
    if (session) await apiWith(session).raw('DELETE', `/tokens/${session.tokenId}`);
    endSession(c);
    return c.redirect(href('/signin'), 303);
  });

  // Teams, collections, members, invitations, tokens.
  web.get(
    '/',
    page(async (_c, { api, view }) => {
      const [teams, collections] = await Promise.all([
        api.get<{ teams: TeamView[] }>('/teams'),
        api.get<{ collections: CollectionView[] }>('/collections'),
      ]);
      return <HomePage view={view} teams={teams.teams} collections={collections.collections} />;
    }),
  );
  web.post(
    '/teams',
    action(async (_c, { api }, form) => {
      const team = await api.call<TeamView>('POST', '/teams', { name: text(form.name) });
      return href(`/teams/${team.id}`);
    }),
  );
  web.post(
    '/collections',
    action(async (_c, { api }, form) => {
      const teamId = text(form.teamId) || undefined;
      const collection = await api.call<CollectionView>('POST', '/collections', {
        name: text(form.name),
        teamId,
      });
      return href(`/collections/${collection.id}`);
    }),
  );
  web.get(
    '/teams/:id',
    page(async (c, { api, view }) => {
      const team = await api.get<TeamDetail>(`/teams/${uuid(param(c, 'id'))}`);
      const invitations =
        team.role === 'owner'
          ? (await api.get<{ invitations: InvitationView[] }>(`/teams/${team.id}/invitations`))
              .invitations
          : [];
      const fresh = c.req.query('invited');
      const link = invitations.find((invitation) => invitation.id === fresh);
      return (
        <TeamPage
          view={view}
          team={team}
          invitations={invitations}
          fresh={
            link ? `${new URL(c.req.url).origin}${href(`/invitations/${link.code}`)}` : undefined
          }
        />
      );
    }),
  );
  web.post(
    '/teams/:id/members/:userId',
    action(async (c, { api, view }, form) => {
      const path = `/teams/${uuid(param(c, 'id'))}/members/${uuid(param(c, 'userId'))}`;
      if (text(form.action) === 'remove') {
        await api.call('DELETE', path);
        return param(c, 'userId') === view.user.id ? href('/') : 'back';
      }
      await api.call('PATCH', path, { role: text(form.role) });
      return 'back';
    }),
  );
  web.post(
    '/teams/:id/invitations',
    action(async (c, { api }, form) => {
      const id = uuid(param(c, 'id'));
      const invitation = await api.call<InvitationView>('POST', `/teams/${id}/invitations`, {
        role: text(form.role),
      });
      return href(`/teams/${id}?invited=${invitation.id}`);
    }),
  );
  web.post(
    '/teams/:id/invitations/:invitationId/withdraw',
    action(async (c, { api }) => {
      await api.call(
        'DELETE',
        `/teams/${uuid(param(c, 'id'))}/invitations/${uuid(param(c, 'invitationId'))}`,
      );
      return 'back';
    }),
  );
  web.get(
    '/invitations/:code',
    page(async (c, { api, view }) => {
      const code = param(c, 'code');
      const invitation = await api.get<InvitationPreview>(
        `/invitations/${encodeURIComponent(code)}`,
      );
      return <InvitationPage view={view} code={code} invitation={invitation} />;
    }),
  );
  web.post(
    '/invitations/:code/accept',
    action(async (c, { api }) => {
      const team = await api.call<TeamView>(
        'POST',
        `/invitations/${encodeURIComponent(param(c, 'code'))}/accept`,
      );
      return href(`/teams/${team.id}`);
    }),
  );
  web.get(
    '/tokens',
    page(async (_c, { api, view }) => {
      const { tokens } = await api.get<{ tokens: TokenView[] }>('/tokens');
      // A token just made is handed over once, in a cookie that lives for the next page only.
      const fresh =
        view.flash?.kind === 'notice' && view.flash.field === 'token' ? view.flash.text : undefined;
      return (
        <TokensPage
          view={{ ...view, flash: fresh ? undefined : view.flash }}
          tokens={tokens}
          fresh={fresh}
        />
      );
    }),
  );
  web.post(
    '/tokens',
    action(async (c, { api }, form) => {
      const created = await api.call<NewToken>('POST', '/tokens', { name: text(form.name) });
      setFlash(c, { kind: 'notice', text: created.token, field: 'token' });
      return href('/tokens');
    }),
  );
  web.post(
    '/tokens/:id/revoke',
    action(async (c, { api, session }) => {
      const id = uuid(param(c, 'id'));
      await api.call('DELETE', `/tokens/${id}`);
      if (id === session.tokenId) {
        endSession(c);
        return href('/signin');
      }
      return 'back';
    }),
  );

  // A collection: browse, export, duplicates, overview.
  web.get(
    '/collections/:id',
    page(async (c, { api, view }) => {
      const id = uuid(param(c, 'id'));
      const filters = filtersFrom(c.req.query());
      const cursor = c.req.query('cursor') || undefined;
      const collection = await api.get<CollectionView>(`/collections/${id}`);
      const listQuery = {
        collection: id,
        ...filters,
        sort: filters.q ? undefined : filters.sort,
        cursor,
        limit: 25,
      };
      const facetQuery = { ...filters, sort: undefined };
      let list: ClipList;
      let facets: FacetCounts;
      try {
        [list, facets] = await Promise.all([
          api.get<ClipList>(`/clips${query(listQuery)}`),
          api.get<FacetCounts>(`/collections/${id}/facets${query(facetQuery)}`),
        ]);
      } catch (error) {
        if (!(error instanceof ApiFailure) || error.status !== 400) throw error;
        setFlash(c, { kind: 'error', text: `${error.field ?? ''} ${error.message}`.trim() });
        return c.redirect(href(`/collections/${id}`));
      }
      const data: CollectionPageData = {
        view,
        collection,
        filters,
        clips: list.clips,
        nextCursor: list.nextCursor,
        cursor,
        facets,
        people: await peopleOf(api, collection, view.user),
      };
      if (c.req.query('partial') === 'browse') return c.html(String(<Browse {...data} />));
      return <CollectionPage {...data} />;
    }),
  );
  web.get(
    '/collections/:id/export',
    page(async (c, { api }) => {
      const id = uuid(param(c, 'id'));
      const values = c.req.query();
      const filters = filtersFrom(values);
      const response = await api.raw(
        'GET',
        `/export${query({
          collection: id,
          ...filters,
          sort: undefined,
          format: values.format,
          dedupe: values.dedupe === 'true' ? 'true' : undefined,
          script: values.script,
          html: values.html === 'true' ? 'true' : undefined,
        })}`,
      );
      if (!response.ok) {
        const body = (await response.json()) as {
          error: { code: string; message: string; field?: string };
        };
        throw new ApiFailure(
          response.status,
          body.error.code,
          body.error.message,
          body.error.field,
        );
      }
      return response;
    }),
  );
  web.get(
    '/collections/:id/overview',
    page(async (c, { api, view }) => {
      const id = uuid(param(c, 'id'));
      const [collection, overview] = await Promise.all([
        api.get<CollectionView>(`/collections/${id}`),
        api.get<Overview>(`/collections/${id}/overview`),
      ]);
      return <OverviewPage view={view} collection={collection} overview={overview} />;
    }),
  );
  const GROUPS_PER_PAGE = 10;
  web.get(
    '/collections/:id/duplicates',
    page(async (c, { api, view }) => {
      const id = uuid(param(c, 'id'));
      const pageNumber = Math.max(1, Math.trunc(Number(c.req.query('page') ?? 1)) || 1);
      const range = query({ offset: (pageNumber - 1) * GROUPS_PER_PAGE, limit: GROUPS_PER_PAGE });
      const [collection, { groups: shown, total }] = await Promise.all([
        api.get<CollectionView>(`/collections/${id}`),
        api.get<DuplicateGroups>(`/collections/${id}/duplicates${range}`),
      ]);
      const views: DuplicateGroupView[] = await Promise.all(
        shown.map(async (group) => ({
          canonical: group.canonical,
          matches: group.clips,
          clips: await Promise.all(
            group.clips.map((match) => api.get<ClipView>(`/clips/${match.clipId}`)),
          ),
        })),
      );
      return (
        <DuplicatesPage
          view={view}
          collection={collection}
          groups={views}
          total={total}
          page={pageNumber}
          pageSize={GROUPS_PER_PAGE}
          people={await peopleOf(api, collection, view.user)}
        />
      );
    }),
  );
  web.post(
    '/collections/:id/duplicates',
    action(async (c, { api, view }, form) => {
      const pick = uuid(text(form.pick));
      const kind = text(form.action);
      if (kind === 'canonical' || kind === 'keep-all') {
        await setCanonical(api, pick);
      } else if (kind === 'delete-others') {
        const others = list(form.clip)
          .map(uuid)
          .filter((id) => id !== pick);
        // The kept clip is confirmed first: if a delete fails midway, the pick still holds.
        await setCanonical(api, pick);
        for (const id of others) await api.call('DELETE', `/clips/${id}`);
        setFlash(c, { kind: 'notice', text: `${view.texts.t('deleted')}: ${others.length}` });
      } else {
        throw new ApiFailure(
          400,
          'invalid-action',
          'action must be canonical, keep-all or delete-others',
          'action',
        );
      }
      return 'back';
    }),
  );

  // A clip: read, edit, delete.
  web.get(
    '/clips/:id',
    page(async (c, { api, view }) => {
      const id = uuid(param(c, 'id'));
      const clip = await api.get<ClipView>(`/clips/${id}`);
      const [collection, similar] = await Promise.all([
        api.get<CollectionView>(`/collections/${clip.collectionId}`),
        api.get<import('./api-types').SimilarResult>(`/clips/${id}/similar`),
      ]);
      return (
        <ClipPage
          view={view}
          clip={clip}
          collection={collection}
          similar={similar}
          safeHtml={clip.clip.html ? options.sanitize(clip.clip.html) : ''}
          people={await peopleOf(api, collection, view.user)}
        />
      );
    }),
  );
  web.post(
    '/clips/:id',
    action(async (c, { api }, form) => {
      const id = uuid(param(c, 'id'));
      const current = await api.get<ClipView>(`/clips/${id}`);
      const edit: CollectionEdit = editFromForm(form, current);
      await api.call('PATCH', `/clips/${id}`, edit, {
        'If-Match': `"${text(form.version) || current.version}"`,
      });
      return 'back';
    }),
  );
  web.post(
    '/clips/:id/delete',
    action(async (c, { api }) => {
      const id = uuid(param(c, 'id'));
      const clip = await api.get<ClipView>(`/clips/${id}`);
      await api.call('DELETE', `/clips/${id}`);
      return href(`/collections/${clip.collectionId}`);
    }),
  );

  web.notFound((c) => render(c, <ErrorPage view={viewOf(c)} status={404} message="" />, 404));
  return web;
}

async function setCanonical(api: PageApi, id: string) {
  const clip = await api.get<ClipView>(`/clips/${id}`);
  await api.call('PATCH', `/clips/${id}`, { canonical: true }, { 'If-Match': `"${clip.version}"` });
}

function filtersFrom(values: Record<string, string>): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = values[key]?.trim();
    if (!value) continue;
    if (key === 'sort') {
      if (value === 'published' || value === 'clipped') filters.sort = value;
    } else {
      filters[key] = value;
    }
  }
  return filters;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from a path or a form: anything else is the API's 404, not a path to elsewhere. */
function uuid(value: string): string {
  if (!UUID.test(value)) throw new ApiFailure(404, 'not-found', 'no such page', 'id');
  return value;
}

function text(value: FormValues[string]): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function list(value: FormValues[string]): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/** Only a path of these pages: never an address elsewhere (an open redirect). */
function safeNext(value: unknown): string | undefined {
  return typeof value === 'string' &&
    (value === '/app' || /^\/app[/?][^/\\]/.test(`${value}x`)) &&
    !value.includes('//')
    ? value
    : undefined;
}

function sameOriginReferer(c: Context): string | undefined {
  const referer = c.req.header('referer');
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    if (url.origin !== new URL(c.req.url).origin || !/^\/app(\/|$)/.test(url.pathname))
      return undefined;
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

function browserName(agent = ''): string {
  const name = /(Firefox|Edg|Chrome|Safari)\/[\d]+/.exec(agent)?.[0] ?? 'browser';
  return name.replace('Edg/', 'Edge/').slice(0, 60);
}

function param(c: Context, name: string): string {
  return c.req.param(name) ?? '';
}
