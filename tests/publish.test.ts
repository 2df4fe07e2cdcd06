/** What readers download: datasets any tool opens, a v2 descriptor that tells the truth, reproducible and safe builds. */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checkPackage } from '../pipeline/emit/check-package.js';
import { tablePattern } from '../pipeline/emit/datapackage.js';
import { statFiles } from '../pipeline/emit/files.js';
import { assertNoFormula } from '../pipeline/emit/write-table.js';
import { copyProject, edit, ROOT, snapshot } from './helpers.js';
import { builtFixture, builtVariant, copyBuilt, makeVariant, shippedDist, VARIANT_EPOCH } from './shared.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
const DIST = await shippedDist();
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('the Data Package descriptor', async () => {
  const pkg = await readJson(path.join(DIST, 'datapackage.json'));

  it("writes each JSON Schema pattern as a Table Schema pattern, which matches the whole value", () => {
    expect(['^[a-z]+$', '^https?://', '\\{place\\}'].map(tablePattern)).toEqual(['[a-z]+', 'https?://.*', '.*\\{place\\}.*']);
  });

  it('is a v2 descriptor with the package properties', () => {
    expect(pkg.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
    expect(pkg).toMatchObject({ name: 'occupation-chronicle', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(pkg.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    for (const key of ['title', 'description', 'licenses', 'sources', 'contributors', 'keywords']) expect(pkg[key], key).toBeTruthy();
    for (const l of pkg.licenses) expect(l.name || l.path).toBeTruthy();
    for (const c of pkg.contributors) expect(Array.isArray(c.roles ?? [])).toBe(true);
    // A document read only through another page has no address of its own; every other source has one.
    for (const s of pkg.sources) expect(s.title && (s.path === undefined || /^https?:\/\//.test(s.path))).toBeTruthy();
    expect(pkg.sources.filter((s: { path?: string }) => s.path).length).toBeGreaterThan(pkg.sources.length / 2);
  });

  it('describes every file in dist/data once, each with the v2 resource properties', async () => {
    const files = (await readdir(path.join(DIST, 'data'))).map((f) => `data/${f}`).sort();
    expect(pkg.resources.map((r: { path: string }) => r.path).sort()).toEqual(files);
    const names = pkg.resources.map((r: { name: string }) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of pkg.resources) {
      expect(r.name).toMatch(/^[a-z0-9._-]+$/);
      expect(r).toMatchObject({ path: expect.any(String), format: expect.stringMatching(/^(csv|json)$/), encoding: 'utf-8', bytes: expect.any(Number), hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
      expect(r.mediatype).toBe(r.format === 'csv' ? 'text/csv' : 'application/json');
      if (r.format === 'csv') {
        expect(r.type).toBe('table');
        expect(r.schema.$schema).toBe('https://datapackage.org/profiles/2.0/tableschema.json');
        expect(r.schema.missingValues).toEqual(['']);
        for (const f of r.schema.fields) expect(['string', 'integer', 'number', 'boolean', 'date']).toContain(f.type);
        for (const fk of r.schema.foreignKeys ?? []) expect(fk.reference.resource).not.toBe('');
      }
    }
  });

  it('matches every file: bytes, hash, and each CSV against its Table Schema', async () => {
    expect(await checkPackage(DIST)).toEqual([]);
  });

  it('is checked by code that can fail: a changed byte, a broken reference and a bad type are caught', async () => {
    const dir = await copyProject({ dist: DIST });
    const dist = path.join(dir, 'dist');
    await edit(dir, 'dist/data/figures.csv', ',persons,', ',persons ,');
    await edit(dir, 'dist/data/events.csv', /,celotajs,par\. 1,/, ',celotajz,par. 1,');
    await edit(dir, 'dist/data/sources.csv', /,5,/, ',five,');
    // A figure claim of a finding named as an event claim: the pair (claim_type, claim) must name a row of claims.
    await edit(dir, 'dist/data/finding_claims.csv', /^([^,\n]+),([^,\n]+),figure,/m, '$1,$2,event,');
    // An event link row naming an event that no row of reconciled_events has.
    await edit(dir, 'dist/data/event_people.csv', /\n([^,\n]+),([^,\n]+),/, '\n$1,no-such-event,');
    const problems = await checkPackage(dist);
    expect(problems.some((p) => p.startsWith('figures: hash differs'))).toBe(true);
    expect(problems.some((p) => p.includes('persons ') && p.includes('enum'))).toBe(true);
    expect(problems.some((p) => p.includes('source = celotajz not found in sources'))).toBe(true);
    expect(problems.some((p) => p.includes('"five" is not an integer'))).toBe(true);
    expect(problems.some((p) => p.startsWith('finding_claims row ') && p.includes('claim_type,claim = event,') && p.includes('not found in claims'))).toBe(true);
    expect(problems.some((p) => p.startsWith('event_people row ') && p.includes('event = no-such-event not found in reconciled_events'))).toBe(true);
  });

  it("gives each event link row its claim's own event, so that people and territories join reconciled_events directly", async () => {
    const rows = async (table: string) => parse(await readFile(path.join(DIST, 'data', `${table}.csv`)), { columns: true }) as Record<string, string>[];
    const eventOf = new Map((await rows('events')).map((r) => [r.id!, r.event!]));
    for (const table of ['event_people', 'event_territories']) {
      const links = await rows(table);
      expect(links.length, table).toBeGreaterThan(0);
      for (const r of links) expect(r.event, `${table} ${r.claim}`).toBe(eventOf.get(r.claim!));
    }
  });
});

describe('the files themselves', () => {
  it('pass `sha256sum -c SHA256SUMS`', async () => {
    const { stdout } = await exec('sha256sum', ['-c', 'SHA256SUMS'], { cwd: DIST });
    expect(stdout.split('\n').filter(Boolean).every((l) => l.endsWith(': OK'))).toBe(true);
    expect(stdout).toContain('data/figures.csv: OK');
  });

  it('are hashed again when replaced or written again (statFiles, which keeps the hashes of files it has read)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-stat-files-'));
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    await writeFile(path.join(dir, 'a.csv'), 'id\n1\n');
    await mkdir(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'data/b.json'), '[]');
    expect([...(await statFiles(dir)).values()]).toEqual([
      { path: 'a.csv', bytes: 5, sha256: sha('id\n1\n') },
      { path: 'data/b.json', bytes: 2, sha256: sha('[]') },
    ]);
    // Replaced (a new file), or written in place with other bytes: read again.
    await writeFile(path.join(dir, 'a.csv.new'), 'id\n2\n');
    await rename(path.join(dir, 'a.csv.new'), path.join(dir, 'a.csv'));
    await writeFile(path.join(dir, 'data/b.json'), '[1]');
    expect([...(await statFiles(dir)).values()].map((f) => f.sha256)).toEqual([sha('id\n2\n'), sha('[1]')]);
    await rm(dir, { recursive: true });
  });

  it('keep cells a spreadsheet would run as formulas out of every CSV: only number cells start with "-", as negative numbers', async () => {
    const pkg = await readJson(path.join(DIST, 'datapackage.json'));
    for (const r of pkg.resources.filter((r: { format: string }) => r.format === 'csv')) {
      const types = new Map<string, string>(r.schema.fields.map((f: { name: string; type: string }) => [f.name, f.type]));
      const [header, ...rows] = parse(await readFile(path.join(DIST, r.path), 'utf8')) as string[][];
      for (const row of rows) {
        row.forEach((cell, i) => {
          if (!/^[=+\-@\t\r]/.test(cell)) return;
          const type = types.get(header![i]!);
          expect(type === 'integer' || type === 'number', `${r.path} ${header![i]}: "${cell}"`).toBe(true);
          expect(cell, `${r.path} ${header![i]}`).toMatch(/^-\d+(\.\d+)?$/);
        });
      }
    }
  });

  it('are guarded by the writer: text starting as a formula, or a number that is not finite, fails the build', () => {
    const columns = [{ name: 'gap', type: 'number' as const }, { name: 'note', type: 'string' as const }];
    expect(() => assertNoFormula('t', columns, [{ gap: -3, note: 'a' }])).not.toThrow();
    expect(() => assertNoFormula('t', columns, [{ gap: -Infinity, note: 'a' }])).toThrow('t, column gap: -Infinity is not a finite number');
    expect(() => assertNoFormula('t', columns, [{ gap: 1, note: '-a' }])).toThrow('would run as a spreadsheet formula');
  });

  it('are described on the landing page as they are: no text cell starts as a formula, a number cell may start with "-"', async () => {
    const page = (await readFile(path.join(ROOT, 'templates/index.hbs'), 'utf8')).replace(/<[^>]+>/g, '');
    expect(page).not.toMatch(/No cell starts with/);
    expect(page).toContain('No text cell starts with =, +, - or @, so no spreadsheet runs a downloaded cell as a formula. A number cell may start with -: it holds a negative number');
  });

  const python = tool('python3');
  it(`open in Python's csv module with the same cells as the JSON records${python.note}`, { skip: !python.available }, async () => {
    // An independent reader: Python's csv module, as pandas and most tools use the same dialect.
    // One process reads every file: the rows of each, by the file's position in argv.
    const script = 'import csv,json,sys\nprint(json.dumps([list(csv.reader(open(f, newline="", encoding="utf-8"))) for f in sys.argv[1:]]))';
    const files = (await readdir(path.join(DIST, 'data'))).filter((f) => f.endsWith('.csv'));
    const { stdout } = await exec('python3', ['-c', script, ...files.map((f) => path.join(DIST, 'data', f))], { maxBuffer: 256 << 20 });
    const tables = JSON.parse(stdout) as string[][][];
    expect(tables).toHaveLength(files.length);
    for (const [n, f] of files.entries()) {
      const [header, ...rows] = tables[n]!;
      const records = await readJson(path.join(DIST, 'data', f.replace(/\.csv$/, '.json')));
      expect(rows.length, f).toBe(records.length);
      const asCell = (v: unknown) => (v === null ? '' : Array.isArray(v) ? v.join(';') : String(v));
      rows.forEach((row, i) => expect(row, `${f} row ${i + 2}`).toEqual(header!.map((h) => asCell(records[i][h]))));
    }
  });

  it('keep their diacritics in UTF-8', async () => {
    const people = await readFile(path.join(DIST, 'data/people.csv'), 'utf8');
    expect(people).toContain('Augusts Kirhenšteins');
    expect(await readFile(path.join(DIST, 'data/territories.csv'), 'utf8')).toContain('Basarabia și Bucovina de Nord');
  });
});

describe('the landing page', async () => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const pkg = await readJson(path.join(DIST, 'datapackage.json'));

  it('lists every download with its size and sha256, and links the descriptor and checksums', () => {
    for (const r of pkg.resources) {
      expect(html).toContain(`href="${r.path}"`);
      expect(html).toContain(r.hash.slice('sha256:'.length));
    }
    expect(html).toContain('href="datapackage.json"');
    expect(html).toContain('href="SHA256SUMS"');
  });

  it('carries schema.org Dataset JSON-LD and runs no script', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[1])).toEqual([' type="application/ld+json"']);
    const ld = JSON.parse(scripts[0]![2]!);
    expect(ld).toMatchObject({ '@type': 'Dataset', temporalCoverage: '1939/1991', license: expect.stringContaining('creativecommons.org') });
    expect(ld.distribution.length).toBe(pkg.resources.length);
    expect(ld.variableMeasured.length).toBeGreaterThan(5);
    expect(ld.spatialCoverage.map((p: { name: string }) => p.name)).toContain('Northern Bukovina');
  });
});

describe('reproducible builds', () => {
  // On the small fixture: reproducibility does not depend on the record's size. That the committed
  // dist/ equals a fresh build of the shipped record, .ci/run checks once per run.
  it('give the same bytes in different time zones and locales', async () => {
    // The fixture's two shared builds (tests/shared.ts): Pacific/Kiritimati in lv_LV.UTF-8, America/Los_Angeles in C.
    const [a, b] = await Promise.all([builtFixture('kiritimati'), builtFixture('los-angeles')]);
    expect([a.run.code, b.run.code]).toEqual([0, 0]);
    const snap = await snapshot(a.dist);
    expect(await snapshot(b.dist)).toEqual(snap);
  });

  it('date the package from SOURCE_DATE_EPOCH when it is set, never from the clock', async () => {
    // The shared variant of the fixture is built under SOURCE_DATE_EPOCH=946684800; the fixture itself without it.
    const [variant, plain] = await Promise.all([builtVariant(), builtFixture()]);
    expect(variant.run.code, variant.run.stdout + variant.run.stderr).toBe(0);
    expect(VARIANT_EPOCH.SOURCE_DATE_EPOCH).toBe('946684800');
    expect((await readJson(path.join(variant.dist, 'datapackage.json'))).created).toBe('2000-01-01T00:00:00Z');
    expect((await readJson(path.join(plain.dist, 'datapackage.json'))).created).toBe(`${JSON.parse(await readFile(path.join(plain.root, 'sources/dataset.json'), 'utf8')).released}T00:00:00Z`);
  });
});

describe('safe builds', () => {
  it('leave dist/ either as it was or wholly rebuilt when killed with SIGKILL at any moment', { timeout: 180_000 }, async () => {
    const dir = await copyBuilt();
    const before = await snapshot(path.join(dir, 'dist'));
    // A change that alters every output (the shared variant: an address on every page, an entry taller than a page), so that a half-written dist/ would show.
    await makeVariant(dir);
    const reference = await builtVariant();
    expect(reference.run.code).toBe(0);
    // The variant's PDFs and charts as its shared build left them, so that the builds below render none: what could leave a
    // half-written dist/ is the writing and the swap, which they still do whole, and each build takes half the time.
    await cp(path.join(reference.root, '.build', 'pdf-cache'), path.join(dir, '.build', 'pdf-cache'), { recursive: true });
    const after = await snapshot(reference.dist);
    expect(after).not.toEqual(before);

    let completed = false;
    let interrupted = 0;
    // Kill at growing delays (start-up, validation, the writers, the swap) until a build gets through:
    // each 1.6 times the last, so that four or five builds are cut short, at every stage of one.
    for (let delay = 300; delay < 60_000 && !completed; delay *= 1.6) {
      const child = spawn(process.execPath, [path.join(ROOT, 'pipeline/launch.mjs'), 'build', '--root', dir], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...VARIANT_EPOCH } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      completed = (await exited) === 0;
      clearTimeout(timer);
      if (completed) break;
      interrupted++;
      let now: Record<string, string>;
      try {
        now = await snapshot(path.join(dir, 'dist'));
      } catch {
        // Killed between the two renames of the swap: the old dist/ waits in .build/ and the next build puts it back.
        const parked = (await readdir(path.join(dir, '.build'))).filter((n) => n.startsWith('previous-'));
        expect(parked).toHaveLength(1);
        now = await snapshot(path.join(dir, '.build', parked[0]!));
      }
      expect([before, after]).toContainEqual(now);
    }
    expect(completed).toBe(true);
    expect(interrupted).toBeGreaterThan(2);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(after);
    // Nothing outside dist/ and the ignored .build/ work folder was written.
    expect((await readdir(dir)).sort()).toEqual(['.build', 'dist', 'schemas', 'sources', 'templates']);
  });
});
