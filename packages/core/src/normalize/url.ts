/**
 * Query parameters that say how a reader arrived, not what they read: dropped before URLs are
 * compared. Campaign tags (utm_*), ad click ids, and the share parameters of WeChat and the
 * Chinese portals (from=timeline, isappinstalled, scene, …).
 */
const TRACKING = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|spm|scm|share_token|sharer_?\w*)$/i,
  /^(from|isappinstalled|scene|subscene|clicktime|enterid|sessionid|ascene|devicetype|version|lang|nettype|pass_ticket|wx_header|key|exportkey|abtest_cookie)$/i,
];

/** Keeps a WeChat article's identity: `__biz`, `mid`, `idx`, `sn` name it, the rest is tracking. */
const WECHAT_IDENTITY = new Set(['__biz', 'mid', 'idx', 'sn', 's']);

/**
 * A URL as compared for "already clipped": lower-case host without `www.`, no scheme (http and
 * https are the same page), no fragment, no tracking parameters, the rest sorted, no trailing
 * slash, default `index.html`-style files kept (they can differ). Null for what is not an
 * http(s) URL.
 */
export function normalizeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const wechat = host === 'mp.weixin.qq.com';
  const params = [...url.searchParams.entries()]
    .filter(([name]) =>
      wechat ? WECHAT_IDENTITY.has(name) : !TRACKING.some((pattern) => pattern.test(name)),
    )
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = params.length
    ? `?${params.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')}`
    : '';
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (path === '/') path = '';
  return `${host}${port}${path}${query}`;
}
