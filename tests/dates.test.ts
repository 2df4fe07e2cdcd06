/** Dates the calendar does not have, forms of EDTF the record does not hold, and the years a column holds. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../pipeline/tables.js';
import { checkEdtf, checkYears, dateBounds, forgetDateReadings, keepDateReadings } from '../pipeline/validate/dates.js';
import { copyProject, edit, runMain } from './helpers.js';

const YEARS = { from: 1800, to: 2100 };

describe('EDTF dates of the record', () => {
  it('rejects 29 February of a year that is not a leap year, and keeps it in leap years', () => {
    expect(checkEdtf('1941-02-29')).toEqual({ code: 'date/impossible', part: '1941-02-29' });
    expect(checkEdtf('1900-02-29')).toEqual({ code: 'date/impossible', part: '1900-02-29' });
    expect(checkEdtf('1941-02-01/1941-02-29')).toEqual({ code: 'date/impossible', part: '1941-02-29' });
    expect(checkEdtf('1940-02-29')).toBeUndefined();
    expect(checkEdtf('2000-02-29')).toBeUndefined();
  });

  it('rejects a time of day and years written with more than four digits', () => {
    expect(checkEdtf('1940-06-17T10:00:00')).toMatchObject({ code: 'date/invalid', cause: expect.stringContaining('date and time') });
    expect(checkEdtf('1940-06-17T10:00:00Z')).toMatchObject({ code: 'date/invalid' });
    expect(checkEdtf('Y12000')).toMatchObject({ code: 'date/invalid', cause: expect.stringContaining('more than four digits') });
    expect(checkEdtf('Y-12000')).toMatchObject({ code: 'date/invalid' });
    expect(checkEdtf('1940/Y12000')).toMatchObject({ code: 'date/invalid' });
  });

  it('holds dates to the years of their column; open ends are not limits', () => {
    for (const ok of ['1800', '2100-12-31', '194X', '1941-06/..', '1941-21', '1940-06-17']) expect(checkYears(ok, YEARS), ok).toBeUndefined();
    for (const bad of ['1799-12-31', '2101', '-1940', '0000', '1041-06-14', '1940/2101']) expect(checkYears(bad, YEARS), bad).toEqual({ code: 'date/out-of-range', from: 1800, to: 2100 });
  });

  it('needs the years of every date column in its schema', async () => {
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    await edit(dir, 'schemas/events.schema.json', ', "years": { "from": 1800, "to": 2100 }', '');
    const { diagnostics } = await loadSpec(dir, 'events');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['file/schema', 'the schema cannot be used: EDTF column "date" lacks "years": { "from": <first year>, "to": <last year> }']]);
  });

  it('reports each in validate, so that none is published', async () => {
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    await edit(dir, 'sources/events.csv', '1940-06-17', '1941-02-29');
    await edit(dir, 'sources/events.csv', '1941-06-13/1941-06-14', 'Y12000');
    await edit(dir, 'sources/figures.csv', '1941-06,3000', '1940-06-17T10:00:00,3000');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sources/events.csv:2:3  error  date/impossible  date "1941-02-29": 1941-02-29 is not a day of the calendar');
    expect(run.stdout).toContain('sources/events.csv:3:3  error  date/invalid  date "Y12000"');
    expect(run.stdout).toMatch(/sources\/figures\.csv:4:5  error  date\/invalid  period "1940-06-17T10:00:00"/);
  });
});

describe('the grammar readings kept between processes', () => {
  // Valid, impossible, reversed, not EDTF, a season, open and closed intervals, unspecified digits.
  const TEXTS = ['1941-06-14', '1941-06-14~', '1944?', '1941-21', '194X', '1941-06/..', '../1944-09', '1941-06-14/1941-06-17', '1949-03-25/1949-03-20', 'spring 1941', '1941-13', '1941-06-31'];
  const answers = () => TEXTS.map((t) => [t, checkEdtf(t), checkEdtf(t) ? undefined : dateBounds(t)]);

  it('answer as the grammar does, from the kept file, and as the grammar again when the file is damaged', async () => {
    // A file of the test's own: the install's cache stays as builds left it.
    const KEPT_DATES = path.join(await mkdtemp(path.join(os.tmpdir(), 'chronicle-dates-')), 'dates.json');
    forgetDateReadings(KEPT_DATES);
    const fresh = answers();
    keepDateReadings();
    const kept = JSON.parse((await readFile(KEPT_DATES, 'utf8')).split('\n').slice(1).join('\n')) as Record<string, unknown>;
    // Every text the grammar read is kept, the ends of intervals among them.
    for (const text of ['1941-06-14', '1941-06-14/1941-06-17', '1941-06-17', '1944-09', 'spring 1941']) expect(kept, text).toHaveProperty([text]);
    forgetDateReadings(KEPT_DATES);
    expect(answers()).toEqual(fresh);
    const text = await readFile(KEPT_DATES, 'utf8');
    await writeFile(KEPT_DATES, text.replace('"1941-06-14":[', '"1941-06-14":[1'));
    forgetDateReadings(KEPT_DATES);
    expect(answers()).toEqual(fresh);
    forgetDateReadings();
    await rm(path.dirname(KEPT_DATES), { recursive: true, force: true });
  });
});
