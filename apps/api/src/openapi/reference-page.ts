import { createHash } from 'node:crypto';

/*
 * A server-rendered, script-free reference page for the API's OpenAPI 3.1 document.
 * No CDN and no client script: a self-hosted server may be offline, and the page must stay
 * valid under a strict Content-Security-Policy (the one inline <style> is covered by
 * `apiReferenceStyleHash`; no element carries a style attribute).
 *
 * The types below describe only what the renderer reads. Everything is optional so that the
 * document @hono/zod-openapi generates (openapi3-ts `OpenAPIObject`, whose `paths` is itself
 * optional) can be passed as it is; at run time every field is checked before use.
 */

export interface OpenApiSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  /** OpenAPI 3.0 spelling; 3.1 puts "null" in `type`. */
  nullable?: boolean;
  default?: unknown;
  example?: unknown;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  prefixItems?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  not?: OpenApiSchema;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
}

export interface OpenApiMediaType {
  schema?: OpenApiSchema;
}

export interface OpenApiParameter {
  $ref?: string;
  name?: string;
  in?: string;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  schema?: OpenApiSchema;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiRequestBody {
  $ref?: string;
  description?: string;
  required?: boolean;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiResponse {
  $ref?: string;
  description?: string;
  content?: Record<string, OpenApiMediaType>;
}

export type OpenApiSecurityRequirement = Record<string, string[]>;

export interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  operationId?: string;
  deprecated?: boolean;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses?: Record<string, OpenApiResponse>;
  security?: OpenApiSecurityRequirement[];
}

export interface OpenApiPathItem {
  summary?: string;
  description?: string;
  parameters?: OpenApiParameter[];
  get?: OpenApiOperation;
  put?: OpenApiOperation;
  post?: OpenApiOperation;
  delete?: OpenApiOperation;
  options?: OpenApiOperation;
  head?: OpenApiOperation;
  patch?: OpenApiOperation;
  trace?: OpenApiOperation;
}

export interface OpenApiOAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  scopes?: Record<string, string>;
}

export interface OpenApiSecurityScheme {
  $ref?: string;
  type?: string;
  description?: string;
  name?: string;
  in?: string;
  scheme?: string;
  bearerFormat?: string;
  openIdConnectUrl?: string;
  flows?: {
    implicit?: OpenApiOAuthFlow;
    password?: OpenApiOAuthFlow;
    clientCredentials?: OpenApiOAuthFlow;
    authorizationCode?: OpenApiOAuthFlow;
  };
}

export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, OpenApiPathItem>;
  security?: OpenApiSecurityRequirement[];
  components?: {
    schemas?: Record<string, OpenApiSchema>;
    parameters?: Record<string, OpenApiParameter>;
    requestBodies?: Record<string, OpenApiRequestBody>;
    responses?: Record<string, OpenApiResponse>;
    securitySchemes?: Record<string, OpenApiSecurityScheme>;
  };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const SCHEMA_REF_PREFIX = '#/components/schemas/';
/** Past this depth a hand-made document is more likely broken than deep; stop nesting. */
const MAX_SCHEMA_DEPTH = 24;
const UNTAGGED = 'Other';

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg-soft:#f6f8fa;--link:#0969da}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1.5rem;font:15px/1.55 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg)}
a{color:var(--link)}
code,.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
h1{margin:0 0 .25rem}h2{margin-top:2.5rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{margin:0 0 .4rem;font-size:1.1rem;word-break:break-all}h4{margin:1rem 0 .4rem;font-size:.95rem}
.meta,.muted,.opid{color:var(--muted);font-size:.88em}
.desc{white-space:pre-line;margin:.3rem 0}
.toc ul{list-style:none;padding-left:1rem;margin:.2rem 0}.toc>ul{padding-left:0}
.toc a{text-decoration:none}
.operation{border:1px solid var(--line);border-radius:6px;padding:1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.2em;padding:0 .4em;border-radius:4px;color:#fff;font:600 .78rem/1.6 ui-monospace,monospace;text-align:center;text-transform:uppercase;vertical-align:.1em;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.method-get{background:#1a7f37}.method-post{background:#0969da}.method-put{background:#9a6700}.method-patch{background:#8250df}.method-delete{background:#cf222e}.method-head,.method-options,.method-trace{background:#59636e}
.badge{display:inline-block;padding:0 .4em;border:1px solid var(--line);border-radius:4px;font-size:.78em;color:var(--muted)}
.badge-required{border-color:#cf222e;color:#cf222e}.badge-deprecated{border-color:#9a6700;color:#9a6700}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--bg-soft)}
.response{margin:.5rem 0;padding-left:.6rem;border-left:3px solid var(--line)}
.status{font:600 .92em ui-monospace,monospace}
.status-2xx{color:#1a7f37}.status-3xx{color:#9a6700}.status-4xx,.status-5xx{color:#cf222e}
.media{margin:.3rem 0}
.schema,.props{margin:.2rem 0}
.props{list-style:none;padding-left:1.1rem;border-left:1px dotted var(--line)}
.props>li{margin:.25rem 0}
.prop-name{font-weight:600}
.type{color:#8250df}
.constraint{display:inline-block;margin-left:.35em;color:var(--muted);font-size:.85em}
.variant-label{color:var(--muted);font-size:.88em}
.schema-def{margin:1.25rem 0}
@media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-decoration:none}.toc{break-after:page}.operation,.schema-def{break-inside:avoid-page}}
`.trim();

/** The inline style's CSP source (`style-src 'sha256-…'`), so the route need not allow 'unsafe-inline'. */
export const apiReferenceStyleHash = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Fragment ids: letters (Chinese included), digits, `_`, `.`, `-`; anything else becomes `-`. */
function slug(value: string): string {
  return (
    value
      .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'x'
  );
}

/** Hands out unique fragment ids, so two names that slug alike still get anchors of their own. */
class Anchors {
  private readonly taken = new Set<string>();
  take(prefix: string, name: string): string {
    const base = `${prefix}-${slug(name)}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

interface Context {
  doc: OpenApiDocument;
  /** Component schema name → anchor id; only these get links. */
  schemaAnchors: Map<string, string>;
  securityAnchors: Map<string, string>;
}

/** Resolves a local JSON pointer (`#/a/b~1c`) in the document; undefined when it leads nowhere. */
function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  const pointer = ref.slice(1);
  if (pointer === '') return node;
  if (!pointer.startsWith('/')) return undefined;
  for (const raw of pointer.slice(1).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    } catch {
      return undefined;
    }
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * Follows `$ref`s for parameters, request bodies and responses (which are shown in place,
 * not listed separately). A chain that loops or breaks yields undefined.
 */
function follow<T>(ctx: Context, value: unknown): T | undefined {
  const visited = new Set<string>();
  let node = value;
  while (isRecord(node) && typeof node.$ref === 'string') {
    if (visited.has(node.$ref)) return undefined;
    visited.add(node.$ref);
    node = resolvePointer(ctx.doc, node.$ref);
  }
  return isRecord(node) ? (node as T) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Schemas

interface SchemaWalk {
  /** Schema objects on the current path: guards against object graphs that loop. */
  objects: Set<object>;
  /** Inlined (non-component) `$ref`s on the current path: guards against `$ref` cycles. */
  refs: Set<string>;
  depth: number;
}

function freshWalk(): SchemaWalk {
  return { objects: new Set(), refs: new Set(), depth: 0 };
}

function schemaTypes(schema: Record<string, unknown>): string[] {
  const type = schema.type;
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return typeof type === 'string' ? [type] : [];
}

function isNullSchema(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const types = schemaTypes(value);
  return (types.length === 1 && types[0] === 'null') || (value.const === null && !value.type);
}

/** Keywords that make a schema more than a wrapper around a union. */
const STRUCTURAL_KEYS = ['type', 'properties', 'items', 'enum', 'const', 'allOf', '$ref'];

/**
 * A view of one schema for display: `$ref`s to components become links, other local `$ref`s
 * are inlined (with the cycle guard), and `anyOf`/`oneOf: [X, {type: "null"}]` — how zod writes
 * `.nullable()` on a referenced schema — reads as "X, nullable".
 */
type SchemaView =
  | {
      kind: 'link';
      name: string;
      anchor: string;
      outer: Record<string, unknown>;
      nullable: boolean;
    }
  | { kind: 'missing'; ref: string; outer: Record<string, unknown>; nullable: boolean }
  | { kind: 'cycle'; ref: string; outer: Record<string, unknown> }
  | { kind: 'inline'; schema: Record<string, unknown>; nullable: boolean; walk: SchemaWalk };

function viewSchema(ctx: Context, value: unknown, walk: SchemaWalk): SchemaView {
  // JSON Schema allows `true` (anything) and `false` (nothing) as schemas.
  if (!isRecord(value)) {
    return { kind: 'inline', schema: value === false ? { not: {} } : {}, nullable: false, walk };
  }
  const ref = value.$ref;
  // A `$ref` cycle is named by its pointer; the object check catches graphs that loop without one.
  if (typeof ref === 'string' && walk.refs.has(ref)) return { kind: 'cycle', ref, outer: value };
  if (walk.objects.has(value)) return { kind: 'cycle', ref: '(object cycle)', outer: {} };

  if (typeof ref === 'string') {
    if (ref.startsWith(SCHEMA_REF_PREFIX)) {
      const name = decodePointerToken(ref.slice(SCHEMA_REF_PREFIX.length));
      const anchor = name === undefined ? undefined : ctx.schemaAnchors.get(name);
      if (name !== undefined && anchor !== undefined) {
        return { kind: 'link', name, anchor, outer: value, nullable: value.nullable === true };
      }
    }
    const target = resolvePointer(ctx.doc, ref);
    if (target === undefined) {
      return { kind: 'missing', ref, outer: value, nullable: value.nullable === true };
    }
    // 3.1 allows keywords beside `$ref`; the local ones (a description, say) win.
    const { $ref: _ref, ...siblings } = value;
    const merged = isRecord(target) ? { ...target, ...siblings } : siblings;
    const inner = viewSchema(ctx, merged, {
      objects: new Set([...walk.objects, value]),
      refs: new Set([...walk.refs, ref]),
      depth: walk.depth,
    });
    return inner;
  }

  for (const key of ['anyOf', 'oneOf'] as const) {
    const variants = value[key];
    if (
      Array.isArray(variants) &&
      variants.length === 2 &&
      variants.some(isNullSchema) &&
      !STRUCTURAL_KEYS.some((k) => k in value)
    ) {
      const other = variants.find((v) => !isNullSchema(v));
      const { [key]: _variants, ...outer } = value;
      const inner = viewSchema(ctx, other, { ...walk, objects: new Set([...walk.objects, value]) });
      return withOuter(inner, outer);
    }
  }

  const types = schemaTypes(value);
  const nullable = value.nullable === true || types.includes('null');
  return { kind: 'inline', schema: value, nullable, walk };
}

/** Carries a union wrapper's own description and nullability onto the variant it wraps. */
function withOuter(view: SchemaView, outer: Record<string, unknown>): SchemaView {
  switch (view.kind) {
    case 'inline':
      return { ...view, schema: { ...view.schema, ...outer }, nullable: true };
    case 'link':
    case 'missing':
      return { ...view, outer: { ...view.outer, ...outer }, nullable: true };
    case 'cycle':
      return view;
  }
}

function decodePointerToken(token: string): string | undefined {
  try {
    return decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
  } catch {
    return undefined;
  }
}

function childWalk(view: Extract<SchemaView, { kind: 'inline' }>): SchemaWalk {
  const objects = new Set(view.walk.objects);
  objects.add(view.schema);
  return { objects, refs: view.walk.refs, depth: view.walk.depth + 1 };
}

function jsonValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The one-line type: `string (date-time)`, `array of Clip`, `one of`, `"a" | "b"`… as HTML. */
function typeLabel(ctx: Context, view: SchemaView): string {
  switch (view.kind) {
    case 'link':
      return `<a class="type ref" href="#${escapeHtml(view.anchor)}">${escapeHtml(view.name)}</a>${view.nullable ? ' <span class="type">| null</span>' : ''}`;
    case 'missing':
      return `<code class="type ref-missing" title="not defined in this document">${escapeHtml(view.ref)}</code>${view.nullable ? ' <span class="type">| null</span>' : ''}`;
    case 'cycle':
      return `<span class="type cycle">↻ recursive <code>${escapeHtml(view.ref)}</code></span>`;
    case 'inline':
      return inlineTypeLabel(ctx, view);
  }
}

function inlineTypeLabel(ctx: Context, view: Extract<SchemaView, { kind: 'inline' }>): string {
  const { schema } = view;
  const nullSuffix = view.nullable ? ' | null' : '';
  const types = schemaTypes(schema).filter((t) => t !== 'null');
  const format = text(schema.format);
  let base: string;

  if ('const' in schema) {
    base = `<span class="type">const ${escapeHtml(jsonValue(schema.const))}</span>`;
  } else if (Array.isArray(schema.enum)) {
    const values = schema.enum.map((v) => escapeHtml(jsonValue(v))).join(' | ');
    const of = types.length > 0 ? `${escapeHtml(types.join(' | '))} ` : '';
    base = `<span class="type">${of}enum: ${values}</span>`;
  } else if (types.length === 1 && types[0] === 'array') {
    if (view.walk.depth >= MAX_SCHEMA_DEPTH) return '<span class="type">array</span>';
    const items = Array.isArray(schema.prefixItems)
      ? undefined
      : viewSchema(ctx, schema.items, childWalk(view));
    base =
      items === undefined
        ? '<span class="type">tuple</span>'
        : `<span class="type">array of</span> ${typeLabel(ctx, items)}`;
  } else if (types.length > 0) {
    const map =
      types.length === 1 &&
      types[0] === 'object' &&
      !isRecord(schema.properties) &&
      isRecord(schema.additionalProperties);
    if (map && view.walk.depth < MAX_SCHEMA_DEPTH) {
      const values = viewSchema(ctx, schema.additionalProperties, childWalk(view));
      base = `<span class="type">map of</span> ${typeLabel(ctx, values)}`;
    } else {
      base = `<span class="type">${escapeHtml(types.join(' | '))}${format ? ` (${escapeHtml(format)})` : ''}</span>`;
    }
  } else if (Array.isArray(schema.oneOf)) {
    base = '<span class="type">one of</span>';
  } else if (Array.isArray(schema.anyOf)) {
    base = '<span class="type">any of</span>';
  } else if (Array.isArray(schema.allOf)) {
    base = '<span class="type">all of</span>';
  } else if (isRecord(schema.properties)) {
    base = '<span class="type">object</span>';
  } else if (isRecord(schema.not) && Object.keys(schema.not).length === 0) {
    base = '<span class="type">never</span>';
  } else {
    base = `<span class="type">any${format ? ` (${escapeHtml(format)})` : ''}</span>`;
  }
  return nullSuffix ? `${base} <span class="type">${nullSuffix.trim()}</span>` : base;
}

const CONSTRAINT_KEYS = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  'example',
] as const;

/** Validation keywords under their own names (`maxLength 200`): the names readers look up. */
function constraints(view: SchemaView): string {
  const schema = view.kind === 'inline' ? view.schema : view.outer;
  const parts: string[] = [];
  const format = text(schema.format);
  // An inline schema shows its format in its type label; a link can only show it here.
  if (format && view.kind !== 'inline') parts.push(`format ${format}`);
  for (const key of CONSTRAINT_KEYS) {
    if (!(key in schema) || schema[key] === undefined) continue;
    const value = schema[key];
    if (typeof value === 'boolean') {
      if (value) parts.push(key);
    } else {
      parts.push(
        `${key} ${typeof value === 'string' && key === 'pattern' ? value : jsonValue(value)}`,
      );
    }
  }
  if (schema.readOnly === true) parts.push('read-only');
  if (schema.writeOnly === true) parts.push('write-only');
  if (schema.additionalProperties === false) parts.push('no other properties');
  if (view.kind === 'inline' && isRecord(schema.discriminator)) {
    const by = text(schema.discriminator.propertyName);
    if (by) parts.push(`discriminator ${by}`);
  }
  const deprecated =
    schema.deprecated === true ? ' <span class="badge badge-deprecated">deprecated</span>' : '';
  return (
    parts.map((p) => ` <span class="constraint">${escapeHtml(p)}</span>`).join('') + deprecated
  );
}

function descriptionOf(view: SchemaView): string | undefined {
  const schema = view.kind === 'inline' ? view.schema : view.outer;
  return text(schema.description);
}

function descriptionHtml(value: string | undefined): string {
  return value ? `<div class="desc">${escapeHtml(value)}</div>` : '';
}

/**
 * The nested listing under a schema's type line: its properties, its array items' properties,
 * its union variants. Component schemas are not expanded here; they are linked.
 */
function schemaChildren(ctx: Context, view: SchemaView): string {
  if (view.kind !== 'inline') return '';
  const { schema } = view;
  if (view.walk.depth >= MAX_SCHEMA_DEPTH) {
    return '<p class="muted">… nested too deep to list.</p>';
  }
  const walk = childWalk(view);
  const parts: string[] = [];

  if (isRecord(schema.properties)) {
    const required = new Set(
      Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [],
    );
    const items = Object.entries(schema.properties).map(([name, child]) =>
      propertyItem(ctx, name, viewSchema(ctx, child, walk), required.has(name)),
    );
    if (items.length > 0) parts.push(`<ul class="props">${items.join('')}</ul>`);
  }
  if (isRecord(schema.additionalProperties) && isRecord(schema.properties)) {
    const extra = viewSchema(ctx, schema.additionalProperties, walk);
    parts.push(`<ul class="props">${propertyItem(ctx, '*', extra, false, 'other keys')}</ul>`);
  } else if (isRecord(schema.additionalProperties)) {
    parts.push(schemaChildren(ctx, viewSchema(ctx, schema.additionalProperties, walk)));
  }

  const types = schemaTypes(schema);
  if (types.includes('array')) {
    if (Array.isArray(schema.prefixItems)) {
      const items = schema.prefixItems.map((child, i) =>
        propertyItem(ctx, `[${i}]`, viewSchema(ctx, child, walk), true),
      );
      parts.push(`<ul class="props">${items.join('')}</ul>`);
    } else if (schema.items !== undefined) {
      // "array of array of X": the label already says so; list X's own properties.
      parts.push(schemaChildren(ctx, viewSchema(ctx, schema.items, walk)));
    }
  }

  for (const [key, label] of [
    ['oneOf', 'one of'],
    ['anyOf', 'any of'],
    ['allOf', 'all of'],
  ] as const) {
    const variants = schema[key];
    if (!Array.isArray(variants)) continue;
    const items = variants.map((child, i) => {
      const variant = viewSchema(ctx, child, walk);
      const title = variant.kind === 'inline' ? text(variant.schema.title) : undefined;
      return `<li><span class="variant-label">${escapeHtml(label)} #${i + 1}${title ? ` · ${escapeHtml(title)}` : ''}:</span> ${typeLabel(ctx, variant)}${constraints(variant)}${descriptionHtml(descriptionOf(variant))}${schemaChildren(ctx, variant)}</li>`;
    });
    parts.push(`<ul class="props variants">${items.join('')}</ul>`);
  }

  if (isRecord(schema.not) && Object.keys(schema.not).length > 0) {
    const not = viewSchema(ctx, schema.not, walk);
    parts.push(
      `<ul class="props"><li><span class="variant-label">not:</span> ${typeLabel(ctx, not)}${schemaChildren(ctx, not)}</li></ul>`,
    );
  }
  return parts.join('');
}

function propertyItem(
  ctx: Context,
  name: string,
  view: SchemaView,
  required: boolean,
  note?: string,
): string {
  const requiredBadge = required ? ' <span class="badge badge-required">required</span>' : '';
  const noteHtml = note ? ` <span class="muted">(${escapeHtml(note)})</span>` : '';
  return `<li><code class="prop-name">${escapeHtml(name)}</code>${noteHtml} ${typeLabel(ctx, view)}${requiredBadge}${constraints(view)}${descriptionHtml(descriptionOf(view))}${schemaChildren(ctx, view)}</li>`;
}

/** A whole schema: its type line, description, constraints and nested listing. */
function schemaBlock(ctx: Context, value: unknown, showDescription = true): string {
  const view = viewSchema(ctx, value, freshWalk());
  const description = showDescription ? descriptionHtml(descriptionOf(view)) : '';
  return `<div class="schema">${typeLabel(ctx, view)}${constraints(view)}${description}${schemaChildren(ctx, view)}</div>`;
}

// ---------------------------------------------------------------------------------------------
// Operations

interface OperationEntry {
  method: HttpMethod;
  path: string;
  operation: OpenApiOperation;
  pathItem: OpenApiPathItem;
  anchor: string;
  tags: string[];
}

function collectOperations(doc: OpenApiDocument, anchors: Anchors): OperationEntry[] {
  const entries: OperationEntry[] = [];
  if (!isRecord(doc.paths)) return entries;
  for (const [path, pathItem] of Object.entries(doc.paths)) {
    // Keys beside the paths are `x-` extensions.
    if (!path.startsWith('/') || !isRecord(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const tags = Array.isArray(operation.tags)
        ? operation.tags.filter((t): t is string => typeof t === 'string' && t !== '')
        : [];
      const operationId = text(operation.operationId);
      entries.push({
        method,
        path,
        operation,
        pathItem,
        anchor: anchors.take('op', operationId ?? `${method} ${path}`),
        tags: tags.length > 0 ? tags : [UNTAGGED],
      });
    }
  }
  return entries;
}

/** Tags in the document's declared order, then in order of first use. */
function orderedTags(doc: OpenApiDocument, entries: OperationEntry[]): string[] {
  const used = new Set(entries.flatMap((e) => e.tags));
  const order: string[] = [];
  for (const tag of Array.isArray(doc.tags) ? doc.tags : []) {
    if (isRecord(tag) && typeof tag.name === 'string' && used.has(tag.name)) order.push(tag.name);
  }
  for (const entry of entries) {
    for (const tag of entry.tags) if (!order.includes(tag)) order.push(tag);
  }
  return order;
}

function methodBadge(method: HttpMethod): string {
  return `<span class="method method-${method}">${method.toUpperCase()}</span>`;
}

function authHtml(ctx: Context, operation: OpenApiOperation): string {
  const requirements = Array.isArray(operation.security) ? operation.security : ctx.doc.security;
  if (!Array.isArray(requirements) || requirements.length === 0) {
    return '<p class="auth"><strong>Auth:</strong> none</p>';
  }
  const alternatives = requirements.filter(isRecord).map((requirement) => {
    const names = Object.keys(requirement);
    // `{}` among the alternatives makes authentication optional.
    if (names.length === 0) return 'none';
    return names
      .map((name) => {
        const anchor = ctx.securityAnchors.get(name);
        const label = anchor
          ? `<a href="#${escapeHtml(anchor)}">${escapeHtml(name)}</a>`
          : `<code>${escapeHtml(name)}</code>`;
        const scopes = requirement[name];
        const scopeList =
          Array.isArray(scopes) && scopes.length > 0
            ? ` <span class="muted">(scopes: ${scopes.map((s) => escapeHtml(s)).join(', ')})</span>`
            : '';
        return label + scopeList;
      })
      .join(' and ');
  });
  return `<p class="auth"><strong>Auth:</strong> ${alternatives.join(' <em>or</em> ')}</p>`;
}

/** Operation parameters override path-level ones of the same name and location. */
function parametersOf(ctx: Context, entry: OperationEntry): OpenApiParameter[] {
  const merged = new Map<string, OpenApiParameter>();
  for (const list of [entry.pathItem.parameters, entry.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = follow<OpenApiParameter>(ctx, raw);
      if (!parameter || typeof parameter.name !== 'string') continue;
      merged.set(`${parameter.in}\u0000${parameter.name}`, parameter);
    }
  }
  return [...merged.values()];
}

function firstMediaSchema(content: unknown): unknown {
  if (!isRecord(content)) return undefined;
  for (const media of Object.values(content)) {
    if (isRecord(media) && media.schema !== undefined) return media.schema;
  }
  return undefined;
}

function parametersHtml(ctx: Context, parameters: OpenApiParameter[]): string {
  if (parameters.length === 0) return '';
  const rows = parameters.map((parameter) => {
    const schema = parameter.schema ?? firstMediaSchema(parameter.content);
    const view = viewSchema(ctx, schema, freshWalk());
    // zod-openapi copies a parameter's description onto its schema; show it once.
    const description = text(parameter.description) ?? descriptionOf(view);
    const required =
      parameter.required === true || parameter.in === 'path'
        ? '<span class="badge badge-required">required</span>'
        : '<span class="muted">optional</span>';
    const deprecated =
      parameter.deprecated === true
        ? ' <span class="badge badge-deprecated">deprecated</span>'
        : '';
    return `<tr><td><code>${escapeHtml(parameter.name)}</code>${deprecated}</td><td>${escapeHtml(parameter.in ?? '')}</td><td>${required}</td><td>${typeLabel(ctx, view)}${constraints(view)}${schemaChildren(ctx, view)}</td><td>${descriptionHtml(description)}</td></tr>`;
  });
  return `<h4>Parameters</h4><table class="params"><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function contentHtml(ctx: Context, content: unknown): string {
  if (!isRecord(content)) return '';
  return Object.entries(content)
    .map(([mediaType, media]) => {
      const schema = isRecord(media) && media.schema !== undefined ? media.schema : undefined;
      const body = schema === undefined ? '' : schemaBlock(ctx, schema);
      return `<div class="media"><code class="muted">${escapeHtml(mediaType)}</code>${body}</div>`;
    })
    .join('');
}

function requestBodyHtml(ctx: Context, operation: OpenApiOperation): string {
  if (operation.requestBody === undefined) return '';
  const body = follow<OpenApiRequestBody>(ctx, operation.requestBody);
  if (!body) return '<h4>Request body</h4><p class="muted">Not resolvable.</p>';
  const required =
    body.required === true
      ? '<span class="badge badge-required">required</span>'
      : '<span class="muted">optional</span>';
  return `<h4>Request body ${required}</h4>${descriptionHtml(text(body.description))}${contentHtml(ctx, body.content)}`;
}

function statusClass(status: string): string {
  const first = status[0];
  return /^[1-5]/.test(status) && first ? ` status-${first}xx` : '';
}

function responsesHtml(ctx: Context, operation: OpenApiOperation): string {
  if (!isRecord(operation.responses)) return '';
  const items = Object.entries(operation.responses)
    .filter(([status]) => !status.startsWith('x-'))
    .map(([status, raw]) => {
      const response = follow<OpenApiResponse>(ctx, raw);
      const head = `<div class="response-head"><span class="status${statusClass(status)}">${escapeHtml(status)}</span> ${escapeHtml(response?.description ?? '')}</div>`;
      return `<div class="response">${head}${response ? contentHtml(ctx, response.content) : ''}</div>`;
    });
  return items.length > 0 ? `<h4>Responses</h4>${items.join('')}` : '';
}

function operationHtml(ctx: Context, entry: OperationEntry): string {
  const { operation } = entry;
  const summary = text(operation.summary) ?? text(entry.pathItem.summary);
  const description = text(operation.description) ?? text(entry.pathItem.description);
  const operationId = text(operation.operationId);
  const deprecated =
    operation.deprecated === true ? ' <span class="badge badge-deprecated">deprecated</span>' : '';
  return [
    `<section class="operation" id="${escapeHtml(entry.anchor)}">`,
    `<h3>${methodBadge(entry.method)} <span class="path">${escapeHtml(entry.path)}</span>${deprecated}</h3>`,
    summary ? `<p class="summary"><strong>${escapeHtml(summary)}</strong></p>` : '',
    operationId ? `<p class="opid">operationId <code>${escapeHtml(operationId)}</code></p>` : '',
    descriptionHtml(description),
    authHtml(ctx, operation),
    parametersHtml(ctx, parametersOf(ctx, entry)),
    requestBodyHtml(ctx, operation),
    responsesHtml(ctx, operation),
    '</section>',
  ].join('');
}

// ---------------------------------------------------------------------------------------------
// Security schemes

function securitySchemeHtml(name: string, anchor: string, raw: unknown): string {
  const scheme = isRecord(raw) ? (raw as OpenApiSecurityScheme) : {};
  const facts: string[] = [];
  if (scheme.type === 'http') {
    facts.push(`HTTP ${scheme.scheme ?? ''}`.trim());
    if (scheme.bearerFormat) facts.push(`token format ${scheme.bearerFormat}`);
  } else if (scheme.type === 'apiKey') {
    facts.push(`API key in ${scheme.in ?? '?'} ${scheme.name ? `“${scheme.name}”` : ''}`.trim());
  } else if (scheme.type === 'openIdConnect') {
    facts.push(`OpenID Connect ${scheme.openIdConnectUrl ?? ''}`.trim());
  } else if (scheme.type === 'oauth2') {
    facts.push('OAuth 2');
    for (const [flow, value] of isRecord(scheme.flows) ? Object.entries(scheme.flows) : []) {
      if (!isRecord(value)) continue;
      const urls = [text(value.authorizationUrl), text(value.tokenUrl)].filter(Boolean);
      facts.push(`${flow}${urls.length > 0 ? ` ${urls.join(' → ')}` : ''}`);
    }
  } else if (typeof scheme.type === 'string') {
    facts.push(scheme.type);
  } else if (typeof scheme.$ref === 'string') {
    facts.push(`see ${scheme.$ref}`);
  }
  const scopes = isRecord(scheme.flows)
    ? Object.entries(scheme.flows).flatMap(([flow, value]) =>
        isRecord(value) && isRecord(value.scopes)
          ? Object.entries(value.scopes).map(
              ([scope, about]) =>
                `<li><code>${escapeHtml(scope)}</code> <span class="muted">(${escapeHtml(flow)})</span> ${escapeHtml(typeof about === 'string' ? about : '')}</li>`,
            )
          : [],
      )
    : [];
  return `<section class="security-scheme" id="${escapeHtml(anchor)}"><h3>${escapeHtml(name)}</h3><p>${facts.map((f) => escapeHtml(f)).join(' · ')}</p>${descriptionHtml(text(scheme.description))}${scopes.length > 0 ? `<ul>${scopes.join('')}</ul>` : ''}</section>`;
}

// ---------------------------------------------------------------------------------------------
// The page

export function renderApiReference(doc: OpenApiDocument, options?: { title?: string }): string {
  const anchors = new Anchors();
  const info = isRecord(doc.info) ? doc.info : {};
  const components = isRecord(doc.components) ? doc.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  const securitySchemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};

  const ctx: Context = {
    doc,
    schemaAnchors: new Map(
      Object.keys(schemas).map((name) => [name, anchors.take('schema', name)]),
    ),
    securityAnchors: new Map(
      Object.keys(securitySchemes).map((name) => [name, anchors.take('auth', name)]),
    ),
  };
  const entries = collectOperations(doc, anchors);
  const tags = orderedTags(doc, entries);
  const tagAnchors = new Map(tags.map((tag) => [tag, anchors.take('tag', tag)]));
  const tagDescriptions = new Map<string, string>();
  for (const tag of Array.isArray(doc.tags) ? doc.tags : []) {
    const description = isRecord(tag) ? text(tag.description) : undefined;
    if (description && typeof tag.name === 'string') tagDescriptions.set(tag.name, description);
  }

  const title = text(options?.title) ?? text(info.title) ?? 'API reference';
  const meta = [
    text(info.version) ? `version ${info.version}` : undefined,
    text(doc.openapi) ? `OpenAPI ${doc.openapi}` : undefined,
  ].filter((m): m is string => m !== undefined);

  // The table of contents lists an operation under each of its tags; its section appears once,
  // under its first tag.
  const toc = [
    '<nav class="toc" aria-label="Contents"><h2>Contents</h2><ul>',
    ...tags.map((tag) => {
      const links = entries
        .filter((e) => e.tags.includes(tag))
        .map((e) => {
          const summary = text(e.operation.summary);
          return `<li><a href="#${escapeHtml(e.anchor)}">${methodBadge(e.method)} <span class="path">${escapeHtml(e.path)}</span></a>${summary ? ` <span class="muted">${escapeHtml(summary)}</span>` : ''}</li>`;
        });
      return `<li><a href="#${escapeHtml(tagAnchors.get(tag) ?? '')}">${escapeHtml(tag)}</a><ul>${links.join('')}</ul></li>`;
    }),
    ctx.securityAnchors.size > 0
      ? `<li><a href="#authentication">Authentication</a><ul>${[...ctx.securityAnchors]
          .map(([name, id]) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(name)}</a></li>`)
          .join('')}</ul></li>`
      : '',
    ctx.schemaAnchors.size > 0
      ? `<li><a href="#schemas">Schemas</a><ul>${[...ctx.schemaAnchors]
          .map(([name, id]) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(name)}</a></li>`)
          .join('')}</ul></li>`
      : '',
    '</ul></nav>',
  ].join('');

  const operations = tags.map((tag) => {
    const own = entries.filter((e) => e.tags[0] === tag);
    if (own.length === 0) {
      return `<section class="tag" id="${escapeHtml(tagAnchors.get(tag) ?? '')}"><h2>${escapeHtml(tag)}</h2>${descriptionHtml(tagDescriptions.get(tag))}<p class="muted">Operations listed under their first tag: ${entries
        .filter((e) => e.tags.includes(tag))
        .map(
          (e) =>
            `<a href="#${escapeHtml(e.anchor)}">${escapeHtml(`${e.method.toUpperCase()} ${e.path}`)}</a>`,
        )
        .join(', ')}</p></section>`;
    }
    return `<section class="tag" id="${escapeHtml(tagAnchors.get(tag) ?? '')}"><h2>${escapeHtml(tag)}</h2>${descriptionHtml(tagDescriptions.get(tag))}${own.map((e) => operationHtml(ctx, e)).join('')}</section>`;
  });

  const security =
    ctx.securityAnchors.size > 0
      ? `<section id="authentication"><h2>Authentication</h2>${[...ctx.securityAnchors]
          .map(([name, id]) => securitySchemeHtml(name, id, securitySchemes[name]))
          .join('')}</section>`
      : '';

  const schemaDefs =
    ctx.schemaAnchors.size > 0
      ? `<section id="schemas"><h2>Schemas</h2>${[...ctx.schemaAnchors]
          .map(
            ([name, id]) =>
              `<section class="schema-def" id="${escapeHtml(id)}"><h3>${escapeHtml(name)}</h3>${schemaBlock(ctx, schemas[name])}</section>`,
          )
          .join('')}</section>`
      : '';

  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<header><h1>${escapeHtml(title)}</h1>`,
    meta.length > 0 ? `<p class="meta">${escapeHtml(meta.join(' · '))}</p>` : '',
    descriptionHtml(text(info.description)),
    '</header>',
    toc,
    '<main>',
    entries.length === 0 ? '<p class="muted">This API documents no operations.</p>' : '',
    operations.join(''),
    security,
    schemaDefs,
    '</main></body></html>',
    '',
  ].join('\n');
}
