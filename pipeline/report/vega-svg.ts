/**
 * A vega-lite spec drawn as SVG, without a browser or canvas: the one renderer behind every chart
 * (the report's key figures, the landing page's timeline and deportations). vega loads only when a
 * chart is drawn. The spec's description names the picture for screen readers (role="img",
 * aria-label and <title>): vega's headless SVG labels only the marks inside it.
 *
 * Loading vega takes half a second, as long as the rest of a build whose charts did not change
 * (an edited summary changes none of them): with a cache, each SVG is kept beside the PDFs by a
 * hash of its spec, this file and vega's versions, and vega loads only for a chart that changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import type { PdfCache } from '../pdf/cache.js';
import { packageVersion } from '../util/install-cache.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let drawerText: string | undefined;
/** What draws a chart, besides its spec: this file and vega's versions. */
const drawer = () => (drawerText ??= `${readFileSync(fileURLToPath(import.meta.url), 'utf8')}\0${['vega', 'vega-lite'].map((name) => `${name} ${packageVersion(name)}`).join(', ')}`);

async function draw(spec: TopLevelSpec): Promise<string> {
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

export async function vegaLiteSvg(spec: TopLevelSpec, cache?: PdfCache): Promise<string> {
  if (!cache) return draw(spec);
  const key = createHash('sha256').update(`${drawer()}\0${JSON.stringify(spec)}`).digest('hex');
  const kept = await cache.get(key, 'svg');
  if (kept) return kept.toString('utf8');
  const svg = await draw(spec);
  await cache.put(key, Buffer.from(svg, 'utf8'), 'svg');
  return svg;
}
