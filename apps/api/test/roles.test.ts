import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  type App,
  call,
  type Person,
  seedDrafts,
  signUp,
  startApi,
  uuidv7,
} from './harness';

// The role matrix: every route that touches a team's things, called by an owner, an editor, a
// viewer, a member of another team, an anonymous caller and a revoked token, each allowed or
// refused as the role says. Destructive routes get a fresh target per call.

type Actor = 'owner' | 'editor' | 'viewer' | 'outsider' | 'anonymous' | 'revoked';
type Level = 'read' | 'write' | 'manage' | 'self';
const actors: Actor[] = ['owner', 'editor', 'viewer', 'outsider', 'anonymous', 'revoked'];

/** The status family each actor gets at each level. */
function expected(level: Level, actor: Actor): '2xx' | 401 | 403 | 404 {
  if (actor === 'anonymous' || actor === 'revoked') return 401;
  if (level === 'self') return '2xx';
  if (actor === 'outsider') return 404;
  if (level === 'read') return '2xx';
  if (level === 'write') return actor === 'viewer' ? 403 : '2xx';
  return actor === 'owner' ? '2xx' : 403;
}

let api: Api;
let app: App;
const draft = seedDrafts()[0]!;
let people: Record<'owner' | 'editor' | 'viewer' | 'outsider', Person>;
let revokedToken: string;
let spare: Person[];
let teamId: string;
let collectionId: string;
let clipId: string;

async function invite(team: string, person: Person, role: 'editor' | 'viewer') {
  const invitation = await call(app, 'POST', `/teams/${team}/invitations`, {
    token: people.owner.token,
    body: { role },
  });
  await call(app, 'POST', `/invitations/${invitation.body.code}/accept`, { token: person.token });
}

async function newTeam(): Promise<string> {
  const team = await call(app, 'POST', '/teams', {
    token: people.owner.token,
    body: { name: '组' },
  });
  await invite(team.body.id, people.editor, 'editor');
  await invite(team.body.id, people.viewer, 'viewer');
  return team.body.id;
}

async function newCollection(): Promise<string> {
  const reply = await call(app, 'POST', '/collections', {
    token: people.owner.token,
    body: { name: '集', teamId },
  });
  return reply.body.id;
}

async function newClip(): Promise<{ id: string; version: number }> {
  const id = uuidv7();
  const reply = await call(app, 'POST', `/collections/${collectionId}/clips`, {
    token: people.owner.token,
    body: { id, draft },
  });
  return { id, version: reply.body.version };
}

interface Case {
  name: string;
  level: Level;
  request: () => Promise<{
    method: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
  }>;
}

const cases: Case[] = [
  { name: 'GET /me', level: 'self', request: async () => ({ method: 'GET', path: '/me' }) },
  { name: 'GET /tokens', level: 'self', request: async () => ({ method: 'GET', path: '/tokens' }) },
  { name: 'GET /teams', level: 'self', request: async () => ({ method: 'GET', path: '/teams' }) },
  {
    name: 'GET /collections',
    level: 'self',
    request: async () => ({ method: 'GET', path: '/collections' }),
  },
  {
    name: 'POST /collections (personal)',
    level: 'self',
    request: async () => ({ method: 'POST', path: '/collections', body: { name: '我的' } }),
  },
  {
    name: 'GET /teams/:id',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/teams/${teamId}` }),
  },
  {
    name: 'PATCH /teams/:id',
    level: 'manage',
    request: async () => ({ method: 'PATCH', path: `/teams/${teamId}`, body: { name: '新名' } }),
  },
  {
    name: 'DELETE /teams/:id',
    level: 'manage',
    request: async () => ({ method: 'DELETE', path: `/teams/${await newTeam()}` }),
  },
  {
    name: 'PATCH /teams/:id/members/:userId',
    level: 'manage',
    request: async () => ({
      method: 'PATCH',
      path: `/teams/${teamId}/members/${people.viewer.id}`,
      body: { role: 'viewer' },
    }),
  },
  {
    name: 'DELETE /teams/:id/members/:userId (another member)',
    level: 'manage',
    request: async () => {
      const person = spare.pop()!;
      await invite(teamId, person, 'viewer');
      return { method: 'DELETE', path: `/teams/${teamId}/members/${person.id}` };
    },
  },
  {
    name: 'POST /teams/:id/invitations',
    level: 'manage',
    request: async () => ({ method: 'POST', path: `/teams/${teamId}/invitations`, body: {} }),
  },
  {
    name: 'GET /teams/:id/invitations',
    level: 'manage',
    request: async () => ({ method: 'GET', path: `/teams/${teamId}/invitations` }),
  },
  {
    name: 'DELETE /teams/:id/invitations/:invitationId',
    level: 'manage',
    request: async () => {
      const invitation = await call(app, 'POST', `/teams/${teamId}/invitations`, {
        token: people.owner.token,
        body: {},
      });
      return { method: 'DELETE', path: `/teams/${teamId}/invitations/${invitation.body.id}` };
    },
  },
  {
    name: 'POST /collections (team)',
    level: 'write',
    request: async () => ({ method: 'POST', path: '/collections', body: { name: '新集', teamId } }),
  },
  {
    name: 'GET /collections/:id',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/collections/${collectionId}` }),
  },
  {
    name: 'PATCH /collections/:id',
    level: 'write',
    request: async () => ({
      method: 'PATCH',
      path: `/collections/${collectionId}`,
      body: { name: '改名' },
    }),
  },
  {
    name: 'DELETE /collections/:id',
    level: 'manage',
    request: async () => ({ method: 'DELETE', path: `/collections/${await newCollection()}` }),
  },
  {
    name: 'GET /collections/:id/changes',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/collections/${collectionId}/changes?since=0` }),
  },
  {
    name: 'POST /collections/:id/clips',
    level: 'write',
    request: async () => ({
      method: 'POST',
      path: `/collections/${collectionId}/clips`,
      body: { id: uuidv7(), draft },
    }),
  },
  {
    name: 'POST /collections/:id/clips/batch',
    level: 'write',
    request: async () => ({
      method: 'POST',
      path: `/collections/${collectionId}/clips/batch`,
      body: { items: [{ id: uuidv7(), draft }] },
    }),
  },
  {
    name: 'GET /clips?collection=',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/clips?collection=${collectionId}` }),
  },
  {
    name: 'GET /clips/:id',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/clips/${clipId}` }),
  },
  {
    name: 'PATCH /clips/:id',
    level: 'write',
    request: async () => {
      const clip = await newClip();
      return {
        method: 'PATCH',
        path: `/clips/${clip.id}`,
        headers: { 'if-match': `"${clip.version}"` },
        body: { tags: ['改'] },
      };
    },
  },
  {
    name: 'GET /invitations/:code',
    level: 'self',
    request: async () => {
      const invitation = await call(app, 'POST', `/teams/${teamId}/invitations`, {
        token: people.owner.token,
        body: {},
      });
      return { method: 'GET', path: `/invitations/${invitation.body.code}` };
    },
  },
  {
    name: 'POST /similar/check',
    level: 'self',
    request: async () => ({ method: 'POST', path: '/similar/check', body: { draft } }),
  },
  {
    name: 'GET /clips/:id/similar',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/clips/${clipId}/similar` }),
  },
  {
    name: 'GET /collections/:id/duplicates',
    level: 'read',
    request: async () => ({ method: 'GET', path: `/collections/${collectionId}/duplicates` }),
  },
  {
    name: 'DELETE /clips/:id',
    level: 'write',
    request: async () => ({ method: 'DELETE', path: `/clips/${(await newClip()).id}` }),
  },
];

beforeAll(async () => {
  api = await startApi();
  app = api.app;
  const [owner, editor, viewer, outsider, ...rest] = await Promise.all(
    Array.from({ length: 4 + actors.length }, (_, i) => signUp(app, `人${i}`)),
  );
  people = { owner: owner!, editor: editor!, viewer: viewer!, outsider: outsider! };
  spare = rest;
  // The outsider belongs to a team of their own, with a collection, and sees none of this one.
  const theirs = await call(app, 'POST', '/teams', {
    token: outsider!.token,
    body: { name: '别组' },
  });
  await call(app, 'POST', '/collections', {
    token: outsider!.token,
    body: { name: '别集', teamId: theirs.body.id },
  });
  const extra = await call(app, 'POST', '/tokens', { token: owner!.token, body: { name: '旧' } });
  revokedToken = extra.body.token;
  await call(app, 'DELETE', `/tokens/${extra.body.tokenInfo.id}`, { token: owner!.token });
  teamId = await newTeam();
  collectionId = await newCollection();
  clipId = (await newClip()).id;
}, 240_000);

afterAll(() => api.close());

function tokenOf(actor: Actor): string | undefined {
  if (actor === 'anonymous') return undefined;
  if (actor === 'revoked') return revokedToken;
  return people[actor].token;
}

describe.each(cases)('$name', (route) => {
  it.each(actors)('as %s', async (actor) => {
    const request = await route.request();
    const reply = await call(app, request.method, request.path, {
      token: tokenOf(actor),
      body: request.body,
      headers: request.headers,
    });
    const want = expected(route.level, actor);
    if (want === '2xx') {
      expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(200);
      expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
    } else {
      expect(reply.status, JSON.stringify(reply.body)).toBe(want);
      expect(reply.body.error.code).toMatch(/^[a-z-]+$/);
    }
  });
});

describe('what an outsider can see', () => {
  it('lists nothing of a team they are not in, and search finds none of its clips', async () => {
    const { outsider } = people;
    const collections = await call(app, 'GET', '/collections', { token: outsider.token });
    expect(collections.body.collections.map((c: { id: string }) => c.id)).not.toContain(
      collectionId,
    );
    const all = await call(app, 'GET', '/clips', { token: outsider.token });
    expect(all.body.clips).toEqual([]);
    const found = await call(
      app,
      'GET',
      `/clips?q=${encodeURIComponent(draft.title.slice(0, 4))}`,
      {
        token: outsider.token,
      },
    );
    expect(found.body.clips).toEqual([]);
    const owner = await call(
      app,
      'GET',
      `/clips?q=${encodeURIComponent(draft.title.slice(0, 4))}`,
      {
        token: people.owner.token,
      },
    );
    expect(owner.body.clips.length).toBeGreaterThan(0);
  });
});
