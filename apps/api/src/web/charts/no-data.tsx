/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The figure a chart shows when it has nothing to draw: the title and the "no data" text in a
 * dashed box (charts.css). Plain HTML rather than SVG, so the text keeps the page's font size
 * however narrow the column is.
 */
export function NoDataFigure(props: { title: string; noData: string; class?: string }) {
  return (
    <figure class={`chart chart-empty${props.class ? ` ${props.class}` : ''}`}>
      <figcaption class="chart-title">{props.title}</figcaption>
      <p class="chart-nodata">{props.noData}</p>
    </figure>
  );
}
