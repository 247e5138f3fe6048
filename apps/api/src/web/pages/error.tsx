/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { href, Layout, type View } from '../layout';

export function ErrorPage(props: { view: View; status: number; message: string }) {
  const { t } = props.view.texts;
  const text =
    props.status === 404 ? t('notFound') : props.status === 403 ? t('forbidden') : props.message;
  return (
    <Layout view={props.view} title={t('errorTitle')}>
      <section class="narrow card">
        <h1>{t('errorTitle')}</h1>
        <p role="alert">{text}</p>
        <p>
          <a href={href('/')}>{t('back')}</a>
        </p>
      </section>
    </Layout>
  );
}
