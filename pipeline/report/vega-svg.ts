/**
 * A vega-lite spec drawn as SVG, without a browser or canvas: the one renderer behind every chart
 * (the report's key figures, the landing page's timeline and deportations). vega loads only when a
 * chart is drawn. The spec's description names the picture for screen readers (role="img",
 * aria-label and <title>): vega's headless SVG labels only the marks inside it.
 */
import type { TopLevelSpec } from 'vega-lite';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec, { logger: vega.logger(vega.Error) }).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (!spec.description) return svg;
    const name = escapeXml(spec.description);
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${name}" `).replace(/^(<svg[^>]*>)/, `$1<title>${name}</title>`);
  } finally {
    view.finalize();
  }
}
