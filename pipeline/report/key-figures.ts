/**
 * The key figures: persons deported in each deportation operation, by territory. One list, read
 * by the report's table and chart and the landing page's chart, so that both show the same bars.
 * A bar is one operation in one state or province; a figure for a region (the Baltic states), for
 * an event spanning years, or for an event that is no operation (a resolution citing a total) is a
 * total: shown apart, never as a bar beside its own parts. A stage of an operation is listed in the
 * table under its operation, and the chart draws the operation whole; a stage whose operation has
 * no figure for its territory (the June 1941 deportations, within a window of deportations that
 * no source counts) is the bar itself.
 */
import type { ChronicleRecord } from '../model.js';
import type { ReconciledEvent, ReconciledFigure } from '../reconcile/reconciled.js';
import { doubtMark } from '../reconcile/doubt.js';
import type { Settings } from '../reconcile/settings.js';
import { formatDate } from '../util/format.js';

export interface KeyFigure {
  figure: ReconciledFigure;
  event: ReconciledEvent;
  /** The operation and when: "Operation Priboi (March deportation), March 1949". */
  operation: string;
  territory: string;
  /** The doubt mark of the published value ('' when settled). */
  mark: string;
  kind: 'part' | 'stage' | 'total';
}

const WIDE_TERRITORIES = new Set(['region', 'union']);
const yearOf = (date: string | null) => date?.slice(0, 4) ?? '';

/** The month (or span) an operation ran, in words: "June 1941", "March 1949". */
const when = (e: ReconciledEvent) => formatDate((e.date_start ?? e.date).slice(0, 7));

/** A title with its date, unless the title already says it ("June 1941 deportation"). */
const dated = (title: string, date: string) => (title.includes(date) ? title : `${title}, ${date}`);

export function keyFigures(record: ChronicleRecord, figures: ReconciledFigure[], events: ReconciledEvent[], settings: Settings): KeyFigure[] {
  const territories = new Map(record.territories.map((t, i) => [t.id, { ...t, order: i }]));
  const order = new Map(events.map((e, i) => [e.event, { e, i }]));
  const rank = (k: KeyFigure) => order.get(k.kind === 'stage' ? k.event.part_of! : k.event.event)!.i;
  const deported = figures
    .filter((f) => f.measure === 'deported' && f.population_group === 'all' && f.event && order.has(f.event))
    .map((f) => {
      const e = order.get(f.event!)!.e;
      // An operation is a deportation that ran within one year; anything wider counts a total of several.
      const operation = e.kind === 'deportation' && yearOf(e.date_start) === yearOf(e.date_end);
      const total = !operation || WIDE_TERRITORIES.has(territories.get(f.territory)?.kind ?? '');
      return { f, e, operation, total };
    });
  const drawn = new Set(deported.filter((d) => !d.total).map((d) => `${d.e.event}|${d.f.territory}`));
  return deported
    .map(({ f, e, operation, total }): KeyFigure => {
      const kind = total ? 'total' : e.part_of && drawn.has(`${e.part_of}|${f.territory}`) ? 'stage' : 'part';
      return { figure: f, event: e, operation: dated(e.title, operation ? when(e) : formatDate(e.date)), territory: territories.get(f.territory)!.name, mark: doubtMark(f.settledness, settings), kind };
    })
    // An operation's stages follow it, each stage in its own date order.
    .sort((a, b) => rank(a) - rank(b) || Number(a.kind === 'stage') - Number(b.kind === 'stage') || order.get(a.event.event)!.i - order.get(b.event.event)!.i || territories.get(a.figure.territory)!.order - territories.get(b.figure.territory)!.order);
}
