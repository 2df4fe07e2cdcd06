/** dist/report.pdf read back as an archive or a reader would: poppler-utils and qpdf. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CLAIM_TYPE } from '../pipeline/emit/claims-table.js';
import { NAMED_CLAIMS } from '../pipeline/reconcile/findings.js';
import { claimsToPrint } from '../pipeline/report/document.js';
import { IDENTIFIERS_TITLE } from '../pipeline/report/identifiers.js';
import { formatDate } from '../pipeline/util/format.js';
import { ROOT } from './helpers.js';
import { idsIn, readerIds } from './reader-ids.js';
import { readerWords } from './reader-words.js';
import { shippedDist } from './shared.js';
import { pdfPages } from './reader-text.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
// The shipped record's folder: the project, or a fresh build of a copy when dist/ is stale (tests/shared.ts).
const SHIPPED = path.dirname(await shippedDist());
const REPORT = path.join(SHIPPED, 'dist/report.pdf');
const poppler = tool('pdftotext', 'poppler-utils');
const qpdf = tool('qpdf');
const squash = (s: string) => s.replace(/\s+/g, '');
const readJson = async (file: string) => JSON.parse(await readFile(path.join(SHIPPED, file), 'utf8'));
const readCsv = async (file: string) => parse(await readFile(path.join(ROOT, file)), { columns: true, bom: true }) as Record<string, string>[];

/** The report as pdftotext gives it, split into the body and the appendix of identifiers; extracted once for every test. */
let extracted: Promise<{ body: string; appendix: string; pages: string[] }> | undefined;
const reportText = () => (extracted ??= extractReport());
async function extractReport(): Promise<{ body: string; appendix: string; pages: string[] }> {
  const pages = await pdfPages(REPORT);
  // The appendix's first page starts, under the running header, with its title (the cover and contents only name it).
  const first = pages.findIndex((p) => p.split('\n').slice(1).join('\n').trimStart().startsWith(IDENTIFIERS_TITLE));
  expect(first, 'the appendix of identifiers').toBeGreaterThan(2);
  return { body: pages.slice(0, first).join('\f'), appendix: pages.slice(first).join('\f'), pages };
}

describe('the PDF report', () => {
  it(`holds every figure key and every finding, with names intact${poppler.note}`, { skip: !poppler.available }, async () => {
    const stdout = (await reportText()).pages.join('\f');
    const text = squash(stdout);
    const figures = (await readJson('dist/data/reconciled_figures.json')) as { key: string }[];
    const findings = (await readJson('dist/data/findings.json')) as { key: string }[];
    expect(figures.length).toBeGreaterThan(50);
    for (const f of figures) expect(text, f.key).toContain(squash(f.key));
    for (const f of findings) expect(text, f.key).toContain(f.key);
    for (const name of ['Kirhenšteins', 'Sąjūdis', 'Liepāja', 'Päts']) expect(stdout).toContain(name);
    expect(stdout).toMatch(/page 1 of \d+/);
    expect(stdout).toContain('Contents');
  });

  it(`names no source, claim, finding or quantity by its id before the appendix for data users${poppler.note}`, { skip: !poppler.available }, async () => {
    const { body, appendix } = await reportText();
    const ids = readerIds(path.join(SHIPPED, 'dist'));
    expect(idsIn(body, ids, readerWords(path.join(SHIPPED, 'dist')))).toEqual([]);
    // The appendix keeps them, so that a data user can go from the page to the row.
    expect(idsIn(appendix, ids).length).toBeGreaterThan(ids.findings.size);
  });

  it(`prints the verbatim quotes behind every published value and every finding${poppler.note}`, { skip: !poppler.available }, async () => {
    // pdftotext joins a word broken at a line-end hyphen ("four-" / "day" gives "fourday"): hyphens and spaces are left out on both sides.
    const norm = (t: string) => t.replace(/[\s\-\u00ad]+/g, '');
    const body = norm((await reportText()).body);
    // By table: an event and a figure read from the same page may share an id, each with its own quote.
    const claims = { figures: new Map((await readCsv('sources/figures.csv')).map((c) => [c.id!, c])), events: new Map((await readCsv('sources/events.csv')).map((c) => [c.id!, c])) };
    type Table = keyof typeof claims;
    expect([...claims.figures.keys()].filter((id) => claims.events.has(id)).length, 'ids shared by an event and a figure').toBeGreaterThan(0);
    const figures = await readCsv('dist/data/reconciled_figures.csv');
    const keyFigures = figures.filter((f) => f.measure === 'deported' && f.population_group === 'all' && f.event && f.preferred_claim);
    expect(keyFigures.length).toBeGreaterThan(10);
    const missing = (table: Table, ids: string[]) => ids.filter((id) => !body.includes(norm(claims[table].get(id)!.quote!))).map((id) => `${table} ${id}: ${claims[table].get(id)!.quote}`);
    expect(missing('figures', keyFigures.map((f) => f.preferred_claim!))).toEqual([]);
    const published = (rows: Record<string, string>[]) => [...new Set(rows.flatMap((r) => (r.preferred_claim ? [r.preferred_claim] : r.claim_ids!.split(';'))))];
    expect(missing('figures', published(figures))).toEqual([]);
    expect(missing('events', published(await readCsv('dist/data/reconciled_events.csv')))).toEqual([]);
    const inFindings = await readCsv('dist/data/finding_claims.csv');
    for (const table of ['figures', 'events'] as const) expect(missing(table, [...new Set(inFindings.filter((c) => c.claim_type === CLAIM_TYPE[table]).map((c) => c.claim!))])).toEqual([]);
  });

  it(`marks every published figure and event with its settledness, with the legend where marks appear${poppler.note}`, { skip: !poppler.available }, async () => {
    const { body, pages } = await reportText();
    const levels = ((await readJson('sources/reconcile.json')) as { settledness: { levels: { value: string; mark: string; legend: string }[] } }).settledness.levels;
    const markOf = new Map(levels.map((l) => [l.value, l.mark]));
    const text = squash(body);
    const figures = await readCsv('dist/data/reconciled_figures.csv');
    const events = await readCsv('dist/data/reconciled_events.csv');
    expect(new Set(figures.map((f) => f.settledness)).size, 'the record has figures of several levels').toBeGreaterThan(2);
    const unmarked = [
      ...figures.filter((f) => markOf.get(f.settledness!) && !text.includes(squash(`${f.stated} ${markOf.get(f.settledness!)}`))).map((f) => `${f.key} (${f.settledness})`),
      ...events.filter((e) => markOf.get(e.settledness!) && !text.includes(squash(`${formatDate(e.date!)} ${markOf.get(e.settledness!)}`))).map((e) => `${e.event} (${e.settledness})`),
    ];
    expect(unmarked).toEqual([]);
    // The legend: in "How to read this report", and on the page where the key figures, the first marks, begin.
    for (const heading of ['How to read this report', 'Key figures']) {
      const page = pages.find((p) => p.split('\n').slice(1).join('\n').trimStart().startsWith(heading) || p.includes(`\n${heading}\n`) && !p.includes('Contents'));
      expect(page, heading).toBeDefined();
      for (const l of levels) expect(squash(page!), `${heading}: ${l.value}`).toContain(squash(l.legend.replace(/^[^:]*:\s*/, '')));
    }
  });

  it(`is tagged: a structure tree with a heading per chapter and the chart as a Figure with its text${poppler.note}`, { skip: !poppler.available || !qpdf.available }, async () => {
    expect((await exec('pdfinfo', [REPORT])).stdout).toMatch(/^Tagged:\s+yes$/m);
    // pdfinfo -struct-text would show the text too, but takes minutes on the whole report; the order of text was checked by eye with it.
    const tree = (await exec('pdfinfo', ['-struct', REPORT], { maxBuffer: 64 << 20 })).stdout;
    expect(tree.startsWith('Document\n')).toBe(true);
    const types = [...tree.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]);
    const outlines = JSON.parse((await exec('qpdf', ['--json', '--json-key=outlines', REPORT], { maxBuffer: 64 << 20 })).stdout).outlines as unknown[];
    // Each chapter and section in the bookmarks is a heading (H1, H2), as are the title and "Contents".
    expect(types.filter((t) => t === 'H1' || t === 'H2').length).toBe(outlines.length + 2);
    expect(types.filter((t) => t === 'H1').length).toBeGreaterThan(8);
    expect(types.filter((t) => t === 'P').length).toBeGreaterThan(1000);
    expect(types.filter((t) => t === 'Figure')).toEqual(['Figure']);
    const objects = (await exec('qpdf', ['--json', '--json-key=qpdf', REPORT], { maxBuffer: 256 << 20 })).stdout;
    expect(objects).toMatch(/"\/Alt": "u:Bar chart of persons deported[^"]*Operation North, April 1951: Estonia 270; Latvia 53; Lithuania 151/);
  });

  it(`sets its metadata and embeds every font, none of the standard 14${poppler.note}`, { skip: !poppler.available }, async () => {
    const info = (await exec('pdfinfo', [REPORT])).stdout;
    expect(info).toMatch(/^Title:\s+Occupation chronicle.*report, version \d+\.\d+\.\d+$/m);
    expect(info).toMatch(/^Author:\s+\S/m);
    expect(info).toMatch(/^Subject:\s+\S/m);
    expect(info).toMatch(/^Keywords:\s+.*Baltic states/m);
    expect(info).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m);
    const meta = (await exec('pdfinfo', ['-meta', REPORT])).stdout;
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    const fonts = (await exec('pdffonts', [REPORT])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(1);
    for (const line of fonts) {
      expect(line).toMatch(/Roboto/);
      expect(line.split(/\s+/).slice(-5, -4)[0], line).toBe('yes');
    }
  });

  it(`passes qpdf --check, has bookmarks and live links${qpdf.note}`, { skip: !qpdf.available }, async () => {
    const check = await exec('qpdf', ['--check', REPORT]);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    const json = JSON.parse((await exec('qpdf', ['--json', '--json-key=outlines', REPORT], { maxBuffer: 64 << 20 })).stdout);
    expect(json.outlines.map((o: { title: string }) => o.title)).toEqual(expect.arrayContaining(['Key figures', 'Where the sources disagree', 'Chronology', 'Sources', 'Methods']));
    const bytes = await readFile(REPORT, 'latin1');
    expect((bytes.match(/\/URI \(https?:/g) ?? []).length).toBeGreaterThan(50);
  });
});

describe("a finding's claims in the report", () => {
  it('prints each up to NAMED_CLAIMS, and past it the lowest and highest half of that many with the number between', () => {
    const claims = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect(claimsToPrint(claims(NAMED_CLAIMS))).toEqual(claims(NAMED_CLAIMS));
    const half = NAMED_CLAIMS / 2;
    expect(claimsToPrint(claims(7_000))).toEqual([...claims(half), 7_000 - NAMED_CLAIMS, ...claims(7_000).slice(-half)]);
  });
});
