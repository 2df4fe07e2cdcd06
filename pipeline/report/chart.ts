/**
 * The key-figures chart as SVG, drawn by vega-lite: one bar per operation and territory at the
 * preferred figure, with a whisker from the lowest to the highest figure any source gives.
 * An outlier whisker would squash every other bar, so the axis ends a little past the largest
 * bar and a clipped whisker says in words where it ends. pdfmake embeds the SVG; Roboto keeps
 * its text in the report's font.
 */
import { formatNumber } from '../util/format.js';
import { vegaLiteSvg } from './vega-svg.js';

export interface ChartRow {
  label: string;
  value: number;
  low: number;
  high: number;
}

export async function keyFiguresChart(rows: ChartRow[], width: number): Promise<string> {
  const top = Math.max(...rows.map((r) => Math.max(r.value, r.low)));
  const end = Math.ceil((top * 1.2) / 10000) * 10000;
  const values = rows.map((r) => ({ ...r, shownHigh: Math.min(r.high, end), beyond: r.high > end ? `(line goes on to ${formatNumber(r.high)})` : '' }));
  const x = (field: string, extra: object = {}) => ({ field, type: 'quantitative' as const, scale: { domain: [0, end], nice: false }, ...extra });
  return vegaLiteSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // The whole drawing, labels included, is exactly `width` wide, so pdfmake embeds it unscaled.
    width,
    autosize: { type: 'fit-x', contains: 'padding' },
    height: { step: 22 },
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0, labelFontSize: 8.5 } } },
    layer: [
      { mark: { type: 'bar', color: '#a6a6a6', height: 12 }, encoding: { x: x('value', { title: 'Persons deported', axis: { format: ',d', titleFontSize: 8.5, labelFontSize: 8, tickCount: 6 } }) } },
      { mark: { type: 'rule', color: '#000', strokeWidth: 1.3 }, encoding: { x: x('low'), x2: { field: 'shownHigh' } } },
      { mark: { type: 'tick', color: '#000', thickness: 1.3, size: 10 }, encoding: { x: x('low') } },
      { mark: { type: 'tick', color: '#000', thickness: 1.3, size: 10 }, encoding: { x: x('shownHigh') } },
      { mark: { type: 'text', align: 'right', dx: -2, dy: -8, fontSize: 7.5 }, encoding: { x: x('shownHigh'), text: { field: 'beyond' } } },
    ],
    config: { font: 'Roboto', view: { stroke: null }, background: 'white' },
  });
}
