import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { apiReferenceStyleHash, type OpenApiDocument, renderApiReference } from './reference-page';

const XSS = '<script>alert("剪报")</script>';

/** A hand-written document that exercises every part the page renders. */
function sampleDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Jianbao API',
      version: '0.1.0',
      description: `剪报：团队合集的剪报接口。\n第二行 ${XSS}`,
    },
    tags: [
      { name: 'collections', description: '团队合集' },
      { name: 'clips', description: `Clips ${XSS}` },
    ],
    security: [{ session: [] }],
    paths: {
      '/clips/{clipId}': {
        parameters: [{ $ref: '#/components/parameters/ClipId' }],
        get: {
          operationId: 'getClip',
          tags: ['clips'],
          summary: '读取一条剪报',
          description: `Returns one clip. ${XSS}`,
          parameters: [
            {
              name: 'fields',
              in: 'query',
              description: '要返回的字段',
              schema: { type: 'array', items: { type: 'string', enum: ['title', 'text'] } },
            },
            {
              name: 'X-Request-Id',
              in: 'header',
              required: false,
              schema: { type: 'string', format: 'uuid', maxLength: 36 },
            },
          ],
          responses: {
            '200': {
              description: '剪报',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Clip' } } },
            },
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
        patch: {
          operationId: 'updateClip',
          tags: ['clips', 'collections'],
          summary: 'Update a clip',
          security: [{ session: [] }, { apiKey: ['clips:write'] }],
          requestBody: {
            required: true,
            description: 'Fields to change',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['version'],
                  properties: {
                    version: { type: 'integer', minimum: 1, description: 'The version read' },
                    title: {
                      anyOf: [{ $ref: '#/components/schemas/Title' }, { type: 'null' }],
                      description: 'New title, or null to clear it',
                    },
                  },
                },
              },
            },
          },
          responses: { '200': { description: 'Updated' }, '409': { description: 'Stale' } },
        },
      },
      '/collections': {
        get: {
          operationId: 'listCollections',
          tags: ['collections'],
          summary: 'List collections',
          security: [],
          responses: {
            '200': {
              description: 'Collections',
              content: {
                'application/json': {
                  schema: { type: 'array', items: { $ref: '#/components/schemas/Collection' } },
                },
              },
            },
          },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness',
          security: [],
          responses: { '204': { description: 'Alive' } },
        },
      },
    },
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: '团队密钥' },
        oauth: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://example.org/authorize',
              tokenUrl: 'https://example.org/token',
              scopes: { 'clips:write': '写剪报' },
            },
          },
        },
      },
      parameters: {
        ClipId: {
          name: 'clipId',
          in: 'path',
          required: true,
          description: 'UUIDv7 made by the client',
          schema: { type: 'string', format: 'uuid' },
        },
      },
      responses: {
        NotFound: {
          description: 'No such clip',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      schemas: {
        Title: { type: 'string', minLength: 1, maxLength: 200, description: '标题' },
        Clip: {
          type: 'object',
          description: `一条剪报 ${XSS}`,
          required: ['id', 'title', 'script', 'body'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            title: { $ref: '#/components/schemas/Title' },
            subtitle: { type: ['string', 'null'], maxLength: 200 },
            script: {
              type: 'string',
              enum: ['Hans', 'Hant', '"><img src=x onerror=alert(1)>'],
              description: '简体或繁体',
            },
            // Nested arrays: a PDF page's lines, each a list of runs.
            lines: {
              type: 'array',
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['text'],
                  properties: { text: { type: 'string' }, column: { type: 'integer', minimum: 0 } },
                },
              },
            },
            body: {
              oneOf: [
                {
                  type: 'object',
                  title: 'text',
                  required: ['kind', 'text'],
                  properties: { kind: { const: 'text' }, text: { type: 'string' } },
                },
                {
                  type: 'object',
                  title: 'html',
                  properties: {
                    kind: { const: 'html' },
                    html: { type: 'string', description: 'sanitised' },
                  },
                },
              ],
              discriminator: { propertyName: 'kind' },
            },
            collection: { $ref: '#/components/schemas/Collection' },
            legacy: { $ref: '#/components/schemas/Gone' },
            taxonomy: {
              type: 'object',
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        // A cycle through components: a collection holds sub-collections.
        Collection: {
          type: 'object',
          properties: {
            name: { type: 'string', description: '合集名称' },
            children: { type: 'array', items: { $ref: '#/components/schemas/Collection' } },
            // A cycle through an inlined (non-component) pointer: a note's replies are notes.
            note: {
              anyOf: [
                {
                  type: 'object',
                  properties: {
                    reply: { $ref: '#/components/schemas/Collection/properties/note/anyOf/0' },
                  },
                },
                { type: 'string' },
              ],
            },
          },
        },
        Error: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string' }, path: { type: 'array', items: {} } },
        },
      },
    },
  };
}

function render(doc: OpenApiDocument = sampleDocument(), options?: { title?: string }) {
  const html = renderApiReference(doc, options);
  return { html, document: parseHTML(html).document };
}

function byId(document: Document, id: string): Element[] {
  return [...document.querySelectorAll('[id]')].filter((el) => el.getAttribute('id') === id);
}

function operation(document: Document, operationId: string): Element {
  const found = byId(document, `op-${operationId}`);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('renderApiReference', () => {
  it('renders a whole HTML5 document with charset, language, title and one inline style', () => {
    const { html, document } = render();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(document.querySelector('title')?.textContent).toBe('Jianbao API');
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelector('.meta')?.textContent).toBe('version 0.1.0 · OpenAPI 3.1.0');
    expect(
      render(sampleDocument(), { title: '剪报 API' }).document.querySelector('h1')?.textContent,
    ).toBe('剪报 API');
  });

  it('loads nothing and runs nothing: no script, no external resource, no style attribute', () => {
    const { document } = render();
    expect(document.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    for (const el of document.querySelectorAll('*')) {
      const names = el.getAttributeNames?.() ?? [];
      expect(names.filter((n: string) => n === 'style' || n.startsWith('on'))).toEqual([]);
      for (const attr of ['href', 'src']) {
        const value = el.getAttribute(attr);
        if (value !== null) expect(value.startsWith('#')).toBe(true);
      }
    }
  });

  it('publishes the CSP hash of the exact inline style it emits', () => {
    const { document } = render();
    const css = document.querySelector('style')?.textContent ?? '';
    expect(apiReferenceStyleHash).toBe(
      `sha256-${createHash('sha256').update(css).digest('base64')}`,
    );
  });

  it('escapes every string from the document and keeps Chinese text intact', () => {
    const { html, document } = render();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;剪报&quot;)&lt;/script&gt;');
    const description = operation(document, 'getClip').querySelector('.desc')?.textContent;
    expect(description).toBe(`Returns one clip. ${XSS}`);
    expect(document.querySelector('header .desc')?.textContent).toBe(
      `剪报：团队合集的剪报接口。\n第二行 ${XSS}`,
    );
    const clip = document.getElementById('schema-Clip');
    expect(clip?.textContent).toContain(`一条剪报 ${XSS}`);
    expect(clip?.textContent).toContain('"><img src=x onerror=alert(1)>');
    expect(operation(document, 'getClip').querySelector('.summary')?.textContent).toBe(
      '读取一条剪报',
    );
  });

  it('gives each operation exactly one section with its anchor, grouped under its first tag', () => {
    const { document } = render();
    const sections = [...document.querySelectorAll('section.operation')];
    expect(sections.map((s) => s.getAttribute('id'))).toEqual([
      'op-listCollections',
      'op-getClip',
      'op-updateClip',
      // No operationId: the anchor comes from method and path.
      'op-get-health',
    ]);
    const tagSections = [...document.querySelectorAll('section.tag')];
    // Declared tags first in declared order, then the untagged group.
    expect(tagSections.map((s) => s.querySelector('h2')?.textContent)).toEqual([
      'collections',
      'clips',
      'Other',
    ]);
    expect(tagSections[0]?.querySelector('.desc')?.textContent).toBe('团队合集');
    expect(byId(document, 'op-updateClip')[0]?.closest('section.tag')?.getAttribute('id')).toBe(
      'tag-clips',
    );
    const patch = operation(document, 'updateClip').querySelector('h3');
    expect(patch?.querySelector('.method')?.className).toBe('method method-patch');
    expect(patch?.querySelector('.method')?.textContent).toBe('PATCH');
    expect(patch?.querySelector('.path')?.textContent).toBe('/clips/{clipId}');
  });

  it('lists operations in the table of contents under every tag they carry', () => {
    const { document } = render();
    const groups = [...document.querySelectorAll('nav.toc > ul > li')].map((li) => ({
      label: li.querySelector('a')?.textContent,
      links: [...li.querySelectorAll(':scope > ul a')].map((a) => a.getAttribute('href')),
    }));
    expect(groups).toEqual([
      { label: 'collections', links: ['#op-updateClip', '#op-listCollections'] },
      { label: 'clips', links: ['#op-getClip', '#op-updateClip'] },
      { label: 'Other', links: ['#op-get-health'] },
      { label: 'Authentication', links: ['#auth-session', '#auth-apiKey', '#auth-oauth'] },
      {
        label: 'Schemas',
        links: ['#schema-Title', '#schema-Clip', '#schema-Collection', '#schema-Error'],
      },
    ]);
  });

  it('makes every fragment link land on exactly one element, and ids unique', () => {
    const { document } = render();
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.getAttribute('id'));
    expect(new Set(ids).size).toBe(ids.length);
    const hrefs = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(20);
    for (const href of hrefs) {
      expect(href.startsWith('#')).toBe(true);
      expect(byId(document, href.slice(1)), href).toHaveLength(1);
    }
  });

  it('states each operation’s auth requirement, falling back to the document’s', () => {
    const { document } = render();
    const auth = (id: string) => operation(document, id).querySelector('.auth');
    expect(auth('getClip')?.textContent).toBe('Auth: session');
    expect(auth('getClip')?.querySelector('a')?.getAttribute('href')).toBe('#auth-session');
    expect(auth('updateClip')?.textContent).toBe('Auth: session or apiKey (scopes: clips:write)');
    expect(auth('listCollections')?.textContent).toBe('Auth: none');
    const apiKey = document.getElementById('auth-apiKey')?.textContent;
    expect(apiKey).toContain('API key in header “X-Api-Key”');
    expect(apiKey).toContain('团队密钥');
    expect(document.getElementById('auth-oauth')?.querySelector('p')?.textContent).toBe(
      'OAuth 2 · authorizationCode https://example.org/authorize → https://example.org/token',
    );
    expect(document.getElementById('auth-oauth')?.querySelector('li')?.textContent).toBe(
      'clips:write (authorizationCode) 写剪报',
    );
  });

  it('tabulates parameters, path-level and $ref ones included', () => {
    const { document } = render();
    const rows = [...operation(document, 'getClip').querySelectorAll('table.params tbody tr')].map(
      (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['clipId', 'path', 'required', 'string (uuid)', 'UUIDv7 made by the client'],
      ['fields', 'query', 'optional', 'array of string enum: "title" | "text"', '要返回的字段'],
      ['X-Request-Id', 'header', 'optional', 'string (uuid) maxLength 36', ''],
    ]);
    expect(
      [...document.querySelectorAll('table.params thead th')].map((th) => th.textContent),
    ).toEqual([
      'Name',
      'In',
      'Required',
      'Type',
      'Description',
      'Name',
      'In',
      'Required',
      'Type',
      'Description',
    ]);
  });

  it('shows the request body schema with required marks, constraints and nullable refs', () => {
    const { document } = render();
    const patch = operation(document, 'updateClip');
    expect(patch.querySelector('h4 .badge-required')?.textContent).toBe('required');
    const props = [...patch.querySelectorAll('.media .props > li')];
    expect(props.map((li) => li.querySelector('.prop-name')?.textContent)).toEqual([
      'version',
      'title',
    ]);
    expect(props[0]?.textContent).toBe('version integer required minimum 1The version read');
    // anyOf [ref, null] reads as the ref, nullable, keeping the wrapper's description.
    expect(props[1]?.querySelector('a.ref')?.getAttribute('href')).toBe('#schema-Title');
    expect(props[1]?.textContent).toBe('title Title | nullNew title, or null to clear it');
  });

  it('lists responses with status, description and schema, following response $refs', () => {
    const { document } = render();
    const responses = [...operation(document, 'getClip').querySelectorAll('.response')];
    expect(responses.map((r) => r.querySelector('.response-head')?.textContent)).toEqual([
      '200 剪报',
      '404 No such clip',
    ]);
    expect(responses[0]?.querySelector('.status')?.className).toBe('status status-2xx');
    expect(responses[1]?.querySelector('a.ref')?.getAttribute('href')).toBe('#schema-Error');
    const list = operation(document, 'listCollections').querySelector('.response .schema');
    expect(list?.textContent).toBe('array of Collection');
  });

  it('lists each component schema once at the end, as a nested listing', () => {
    const { document } = render();
    const defs = [...document.querySelectorAll('#schemas > section.schema-def')];
    expect(defs.map((d) => d.getAttribute('id'))).toEqual([
      'schema-Title',
      'schema-Clip',
      'schema-Collection',
      'schema-Error',
    ]);
    expect(defs[0]?.querySelector('.schema')?.textContent).toBe(
      'string minLength 1 maxLength 200标题',
    );
    const clip = defs[1]!;
    const prop = (name: string) =>
      [...clip.querySelectorAll(':scope > .schema > .props > li')].find(
        (li) => li.querySelector('.prop-name')?.textContent === name,
      );
    expect(prop('title')?.textContent).toBe('title Title required');
    expect(prop('subtitle')?.textContent).toBe('subtitle string | null maxLength 200');
    expect(prop('script')?.querySelector('.type')?.textContent).toBe(
      'string enum: "Hans" | "Hant" | "\\"><img src=x onerror=alert(1)>"',
    );
    expect(prop('taxonomy')?.querySelector('.type')?.textContent).toBe('map of');
    expect(prop('taxonomy')?.textContent).toContain('map of array of string');
    expect(prop('legacy')?.querySelector('.ref-missing')?.textContent).toBe(
      '#/components/schemas/Gone',
    );
  });

  it('spells out nested arrays and lists the innermost object’s properties', () => {
    const { document } = render();
    const lines = [...document.querySelectorAll('#schema-Clip .props > li')].find(
      (li) => li.querySelector('.prop-name')?.textContent === 'lines',
    );
    expect(
      [...(lines?.querySelectorAll(':scope > .type') ?? [])].map((t) => t.textContent),
    ).toEqual(['array of', 'array of', 'object']);
    expect([...(lines?.querySelectorAll('.props > li') ?? [])].map((li) => li.textContent)).toEqual(
      ['text string required', 'column integer minimum 0'],
    );
  });

  it('lists oneOf variants with their titles and the discriminator', () => {
    const { document } = render();
    const body = [...document.querySelectorAll('#schema-Clip .props > li')].find(
      (li) => li.querySelector('.prop-name')?.textContent === 'body',
    )!;
    expect(body.querySelector('.type')?.textContent).toBe('one of');
    expect(body.textContent).toContain('discriminator kind');
    const variants = [...body.querySelectorAll(':scope > .variants > li')];
    expect(variants.map((v) => v.querySelector('.variant-label')?.textContent)).toEqual([
      'one of #1 · text:',
      'one of #2 · html:',
    ]);
    expect(variants[0]?.querySelector('.props')?.textContent).toBe(
      'kind const "text" requiredtext string required',
    );
  });

  it('stops at $ref cycles: component cycles become links, inlined cycles a marker', () => {
    const { document } = render();
    const collection = document.getElementById('schema-Collection')!;
    const children = [...collection.querySelectorAll('.props > li')].find(
      (li) => li.querySelector('.prop-name')?.textContent === 'children',
    );
    expect(children?.querySelector('a.ref')?.getAttribute('href')).toBe('#schema-Collection');
    expect(collection.querySelector('.cycle')?.textContent).toBe(
      '↻ recursive #/components/schemas/Collection/properties/note/anyOf/0',
    );
  });

  it('terminates on object graphs that loop without any $ref', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).next = node;
    const wrapper: Record<string, unknown> = {};
    wrapper.anyOf = [wrapper, { type: 'null' }];
    const doc: OpenApiDocument = { components: { schemas: { Node: node, Wrapper: wrapper } } };
    const { document } = render(doc);
    expect(document.querySelectorAll('#schema-Node .cycle')).toHaveLength(1);
    expect(document.querySelectorAll('#schema-Wrapper .cycle')).toHaveLength(1);
    expect(document.querySelector('main > p.muted')?.textContent).toBe(
      'This API documents no operations.',
    );
  });

  it('keeps anchors unique when names slug alike, and Chinese names readable', () => {
    const doc: OpenApiDocument = {
      paths: {
        '/a': { get: { operationId: 'a b', responses: {} } },
        '/b': { get: { operationId: 'a-b', responses: {} } },
      },
      components: { schemas: { 剪报: { type: 'string' } } },
    };
    const { document } = render(doc);
    expect([...document.querySelectorAll('section.operation')].map((s) => s.id)).toEqual([
      'op-a-b',
      'op-a-b-2',
    ]);
    expect(document.getElementById('schema-剪报')?.querySelector('h3')?.textContent).toBe('剪报');
  });

  it('accepts the document @hono/zod-openapi generates', () => {
    const Clip = z
      .object({
        id: z.uuid(),
        title: z.string().max(200).nullable().openapi({ description: '标题' }),
        script: z.enum(['Hans', 'Hant']),
        authors: z.array(z.string()),
      })
      .openapi('Clip');
    const app = new OpenAPIHono();
    app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
      type: 'http',
      scheme: 'bearer',
    });
    app.openapi(
      createRoute({
        method: 'get',
        path: '/clips/{id}',
        operationId: 'getClip',
        tags: ['clips'],
        security: [{ session: [] }],
        request: { params: z.object({ id: z.uuid() }) },
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: Clip } } },
        },
      }),
      (c) => c.json({ id: '', title: null, script: 'Hans' as const, authors: [] }, 200),
    );
    const doc = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Jianbao', version: '1' },
    });
    const { document } = render(doc);
    const op = operation(document, 'getClip');
    expect(op.querySelector('.auth')?.textContent).toBe('Auth: session');
    expect(op.querySelector('tbody tr')?.textContent).toBe('idpathrequiredstring (uuid)');
    expect(op.querySelector('.response a.ref')?.getAttribute('href')).toBe('#schema-Clip');
    const title = [...document.querySelectorAll('#schema-Clip .props > li')].find(
      (li) => li.querySelector('.prop-name')?.textContent === 'title',
    );
    expect(title?.textContent).toBe('title string | null required maxLength 200标题');
  });
});
