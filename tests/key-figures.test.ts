/** The key figures' kinds: which deportations the chart draws as bars, which it lists under their operation, which it keeps apart as totals. */
import { describe, expect, it } from 'vitest';
import type { ChronicleRecord } from '../pipeline/model.js';
import type { ReconciledEvent, ReconciledFigure } from '../pipeline/reconcile/reconciled.js';
import type { Settings } from '../pipeline/reconcile/settings.js';
import { keyFigures } from '../pipeline/report/key-figures.js';

const settings = { settledness: { levels: [{ value: 'settled', mark: '' }] } } as unknown as Settings;
const record = { territories: [{ id: 'baltic', name: 'Baltic states', kind: 'region' }, { id: 'lv', name: 'Latvia', kind: 'state' }, { id: 'ee', name: 'Estonia', kind: 'state' }] } as unknown as ChronicleRecord;
const event = (event: string, date: string, part_of: string | null = null) => ({ event, title: event, kind: 'deportation', date, date_start: date.split('/')[0], date_end: date.split('/').at(-1), part_of }) as unknown as ReconciledEvent;
const figure = (event: string, territory: string) => ({ measure: 'deported', population_group: 'all', event, territory, settledness: 'settled', stated: '1' }) as unknown as ReconciledFigure;
const kinds = (figures: ReconciledFigure[], events: ReconciledEvent[]) => keyFigures(record, figures, events, settings).map((k) => `${k.kind} ${k.event.event} ${k.figure.territory}`);

describe('key figures', () => {
  const window = event('window', '1941-05-22/1941-06-20');
  const night = event('night', '1941-06-13/1941-06-14', 'window');

  it("lists a stage under its operation where the operation has a figure for the stage's territory", () => {
    expect(kinds([figure('window', 'lv'), figure('night', 'lv')], [window, night])).toEqual(['part window lv', 'stage night lv']);
  });

  it('draws a stage as the bar where its operation has no figure for its territory, or only a total', () => {
    expect(kinds([figure('night', 'lv')], [window, night])).toEqual(['part night lv']);
    expect(kinds([figure('window', 'baltic'), figure('window', 'ee'), figure('night', 'lv')], [window, night])).toEqual(['total window baltic', 'part window ee', 'part night lv']);
  });
});
