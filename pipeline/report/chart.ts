/**
 * The deportations chart as SVG, drawn by vega-lite: one panel per operation, named above it, one
 * bar per state or province at the published figure, its number (and doubt mark) written beside
 * it so that a bar too short to see (53 persons beside 40,000) still reads, and a whisker from
 * the lowest to the highest figure any source gives. An outlier whisker would squash every other
 * bar, so the axis ends a little past the largest bar and a clipped whisker says in words where
 * it ends. Totals are not drawn here (key-figures.ts keeps them apart). The same spec serves the
 * report (pdfmake embeds the SVG, in Roboto) and the landing page.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PdfCache } from '../pdf/cache.js';
import { formatNumber } from '../util/format.js';
import type { KeyFigure } from './key-figures.js';
import { vegaLiteSvg } from './vega-svg.js';

/** Room for the territory names left of the bars, in the chart's own units. */
const LABELS = 165;

export function deportationSpec(rows: KeyFigure[], width: number, font: string): TopLevelSpec {
  const bars = rows.filter((r) => r.kind === 'part');
  const top = Math.max(...bars.map((r) => Math.max(r.figure.central, r.figure.low)));
  const end = Math.ceil((top * 1.25) / 10000) * 10000;
  const values = bars.map((r) => ({
    operation: r.operation,
    territory: r.territory,
    value: r.figure.central,
    low: r.figure.low,
    shownHigh: Math.min(r.figure.high, end),
    label: `${r.figure.stated}${r.mark ? ` ${r.mark}` : ''}${r.figure.high > end ? ` (sources up to ${formatNumber(r.figure.high)})` : ''}`,
    labelAt: Math.max(r.figure.central, Math.min(r.figure.high, end)),
  }));
  const x = (field: string, extra: object = {}) => ({ field, type: 'quantitative' as const, scale: { domain: [0, end], nice: false }, ...extra });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // Read out by screen readers as the picture's name (aria-label); the table beside it gives the figures.
    description: 'Bar chart of persons deported in each Soviet deportation operation, by state or province; the table with it gives the same figures.',
    data: { values },
    facet: { row: { field: 'operation', type: 'nominal', sort: [...new Set(values.map((v) => v.operation))], header: { title: null, labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelAlign: 'left', labelFontSize: 9, labelFontWeight: 'bold', labelPadding: 2 } } },
    spacing: 6,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: width - LABELS,
      height: { step: 15 },
      encoding: { y: { field: 'territory', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0, labelFontSize: 8.5, ticks: false, domain: false } } },
      layer: [
        { mark: { type: 'bar', color: '#8c8c8c', height: 10 }, encoding: { x: x('value', { title: null, axis: { format: ',d', labelFontSize: 7.5, tickCount: 5, grid: true, gridColor: '#e3e3e3', labels: true } }) } },
        { mark: { type: 'rule', color: '#000', strokeWidth: 1 }, encoding: { x: x('low'), x2: { field: 'shownHigh' } } },
        { mark: { type: 'tick', color: '#000', thickness: 1, size: 8 }, encoding: { x: x('low') } },
        { mark: { type: 'tick', color: '#000', thickness: 1, size: 8 }, encoding: { x: x('shownHigh') } },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 8, color: '#000' }, encoding: { x: x('labelAt'), text: { field: 'label' } } },
      ],
    },
    config: { font, view: { stroke: null }, background: 'white', axis: { labelColor: '#000', titleColor: '#000' } },
  } as TopLevelSpec;
}

export const deportationChart = (rows: KeyFigure[], width: number, font: string, cache?: PdfCache): Promise<string> => vegaLiteSvg(deportationSpec(rows, width, font), cache);

/** The chart in words, for a screen reader (the PDF's Figure /Alt): each operation with its bars' figures. */
export function deportationAlt(rows: KeyFigure[]): string {
  const bars = rows.filter((r) => r.kind === 'part');
  const operations = [...new Set(bars.map((r) => r.operation))];
  return `Bar chart of persons deported in each operation, by state or province. ${operations.map((o) => `${o}: ${bars.filter((r) => r.operation === o).map((r) => `${r.territory} ${r.figure.stated}`).join('; ')}.`).join(' ')}`;
}
