/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Texts } from './i18n';
import { type Flash, PAGES } from './session';

/** What every page knows about the request it answers. */
export interface View {
  texts: Texts;
  /** The signed-in user; absent on the sign-in pages. */
  user?: { id: string; name: string; email: string };
  /** This page's path and query, for the language switch. */
  here: string;
  flash?: Flash;
}

/** A path of the pages: `/` is the home page, `/app`. */
export const href = (path: string) => (path === '/' ? PAGES : `${PAGES}${path}`);

function switchLanguage(view: View): string {
  const url = new URL(view.here, 'http://x');
  url.searchParams.set('lang', view.texts.lang === 'zh' ? 'en' : 'zh');
  return `${url.pathname}${url.search}`;
}

export function Layout(props: {
  view: View;
  title: string;
  crumbs?: { label: string; href: string }[];
  children?: Child;
}) {
  const { view } = props;
  const { t } = view.texts;
  return (
    <html lang={view.texts.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('appName')}`}</title>
        <link rel="stylesheet" href={href('/assets/app.css')} />
        <script src={href('/assets/app.js')} defer />
      </head>
      <body>
        <header class="top">
          <a class="brand" href={href('/')}>
            剪报 <span>Jianbao</span>
          </a>
          <nav>
            {props.crumbs?.map((crumb) => (
              <a href={crumb.href}>{crumb.label}</a>
            ))}
          </nav>
          <div class="account">
            <a href={switchLanguage(view)} hreflang={view.texts.lang === 'zh' ? 'en' : 'zh'}>
              {t('language')}
            </a>
            {view.user && (
              <>
                <a href={href('/tokens')}>{t('tokens')}</a>
                <span class="who" title={view.user.email}>
                  {view.user.name}
                </span>
                <form method="post" action={href('/signout')} class="inline">
                  <button type="submit" class="link">
                    {t('signOut')}
                  </button>
                </form>
              </>
            )}
          </div>
        </header>
        <main>
          {view.flash && (
            <p
              class={`flash ${view.flash.kind}`}
              role={view.flash.kind === 'error' ? 'alert' : 'status'}
            >
              {view.flash.text}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function formatDate(value: string | null | undefined, texts: Texts): string {
  if (!value) return texts.t('noDate');
  return value.slice(0, 10);
}

export function formatTime(value: string | null | undefined, texts: Texts): string {
  if (!value) return texts.t('never');
  return value.slice(0, 16).replace('T', ' ');
}
