/**
 * A vega-lite spec drawn as SVG, without a browser or canvas: the one renderer behind every chart
 * (the report's key figures, the landing page's timeline). vega loads only when a chart is drawn.
 */
import type { TopLevelSpec } from 'vega-lite';

export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec, { logger: vega.logger(vega.Error) }).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
