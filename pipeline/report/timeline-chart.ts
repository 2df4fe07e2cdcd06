/**
 * The record at a glance: how many events each year holds, one row per territory, as SVG drawn
 * by vega-lite (a dot per year, larger for more events), with the same counts as a table by
 * decade for readers who cannot see the picture. Events of a region (the Baltic states, all
 * annexed territories, the Soviet Union) count in the row of shared and international events.
 */
import type { ChronicleRecord } from '../model.js';
import type { PdfCache } from '../pdf/cache.js';
import type { ReconciledEvent } from '../reconcile/reconciled.js';
import { vegaLiteSvg } from './vega-svg.js';

export interface TimelineCount {
  row: string;
  year: number;
  events: number;
}

const SHARED = 'Shared and international';

/** The row an event's territory belongs to: a state or province by name, anything wider is shared. */
function rowOf(record: ChronicleRecord, id: string): string {
  const t = record.territories.find((x) => x.id === id);
  if (!t || t.kind === 'region' || t.kind === 'union') return SHARED;
  return t.name;
}

export function timelineCounts(record: ChronicleRecord, events: ReconciledEvent[]): { rows: string[]; counts: TimelineCount[] } {
  const order = [...record.territories.filter((t) => t.kind !== 'region' && t.kind !== 'union').map((t) => t.name), SHARED];
  const tally = new Map<string, number>();
  for (const e of events) {
    const year = Number(e.date_start?.slice(0, 4) ?? e.date.slice(0, 4));
    if (!Number.isInteger(year)) continue;
    for (const row of new Set(e.territories.map((t) => rowOf(record, t)))) tally.set(`${row}|${year}`, (tally.get(`${row}|${year}`) ?? 0) + 1);
  }
  const counts = [...tally].map(([k, n]) => ({ row: k.split('|')[0]!, year: Number(k.split('|')[1]), events: n })).sort((a, b) => order.indexOf(a.row) - order.indexOf(b.row) || a.year - b.year);
  return { rows: order.filter((r) => counts.some((c) => c.row === r)), counts };
}

/** Counts by decade, the table beside the picture. */
export function decadeTable(rows: string[], counts: TimelineCount[]): { decades: string[]; rows: { row: string; cells: number[] }[] } {
  const decades = [...new Set(counts.map((c) => Math.floor(c.year / 10) * 10))].sort((a, b) => a - b);
  return {
    decades: decades.map((d) => `${d}s`),
    rows: rows.map((row) => ({ row, cells: decades.map((d) => counts.filter((c) => c.row === row && Math.floor(c.year / 10) * 10 === d).reduce((n, c) => n + c.events, 0)) })),
  };
}

export async function timelineChart(rows: string[], counts: TimelineCount[], width: number, cache?: PdfCache): Promise<string> {
  const years = counts.map((c) => c.year);
  return vegaLiteSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Dot chart of the events in the record by year and territory; the table with it gives the counts by decade.',
    width,
    autosize: { type: 'fit-x', contains: 'padding' },
    height: { step: 26 },
    data: { values: counts },
    mark: { type: 'circle', color: '#333', opacity: 0.85 },
    encoding: {
      x: { field: 'year', type: 'quantitative', title: null, scale: { domain: [Math.min(...years), Math.max(...years)], nice: false, zero: false }, axis: { format: 'd', tickCount: 12, labelFontSize: 9 } },
      y: { field: 'row', type: 'nominal', sort: rows, title: null, axis: { labelLimit: 0, labelFontSize: 9 } },
      size: { field: 'events', type: 'quantitative', title: 'Events in the year', scale: { range: [12, 260] }, legend: { orient: 'bottom', titleFontSize: 9, labelFontSize: 9 } },
    },
    config: { font: 'Roboto, Helvetica, Arial, sans-serif', view: { stroke: null }, background: 'white' },
  }, cache);
}
