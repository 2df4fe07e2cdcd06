/**
 * The chronology and the handouts as their readers meet them (issue 15): no id of the data in
 * what they read, the doubt mark of every event from the data with its legend, and the dataset's
 * period in every title.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { shippedDist } from './shared.js';
import { idsIn, readerIds } from './reader-ids.js';
import { readerWords } from './reader-words.js';
import { htmlText, pagesOf, pdfPages, pdfText } from './reader-text.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
// The shipped dist/, or a fresh build of it when the committed one is stale (tests/shared.ts).
const DIST = await shippedDist();
const poppler = tool('pdftotext', 'poppler-utils');
const readJson = async <T>(file: string) => JSON.parse(await readFile(path.join(ROOT, file), 'utf8')) as T;
const files = await readdir(DIST);
const handoutPdfs = files.filter((f) => /^(chronology|glance)[a-z0-9-]*\.pdf$/.test(f)).sort();
const handoutPages = files.filter((f) => /^chronology[a-z0-9-]*\.html$/.test(f)).sort();

type GlossaryEntry = { term: string; forms: string[]; definition: string };
const readGlossary = () => readJson<GlossaryEntry[]>('dist/data/glossary.json');
/**
 * The glossary's terms that `text` uses, found apart from the pipeline's matcher (no regular
 * expression): each place a form stands, with no letter, mark or digit on either side; a form in
 * lower case also with a capital first letter.
 */
const touching = /[\p{L}\p{M}\p{N}]/u;
const standsIn = (text: string, form: string) => {
  for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
    if (!touching.test(text.charAt(at - 1) || ' ') && !touching.test(text.charAt(at + form.length) || ' ')) return true;
  }
  return false;
};
const termsIn = (glossary: GlossaryEntry[], text: string) =>
  glossary
    .filter((w) => w.forms.some((form) => standsIn(text, form) || (form[0] !== form[0]!.toUpperCase() && standsIn(text, form[0]!.toUpperCase() + form.slice(1)))))
    .map((w) => w.term)
    .sort();
/** The terms whose definitions a section of words holds, white space and hyphens aside (pdftotext drops a hyphen that ends a line). */
const explained = (glossary: GlossaryEntry[], section: string) => glossary.filter((w) => section.replace(/[\s-]+/g, '').includes(w.definition.replace(/[\s-]+/g, ''))).map((w) => w.term).sort();

describe('no id of the data where a reader reads', () => {
  it('finds the handouts to check', () => {
    expect(handoutPdfs.length).toBeGreaterThanOrEqual(5);
    expect(handoutPages.length).toBeGreaterThanOrEqual(5);
  });
  for (const file of handoutPages) {
    it(`${file}: no source id, claim id, finding key or quantity key in its text`, async () => {
      const [ids, words] = [readerIds(DIST), readerWords(DIST)];
      expect(idsIn(htmlText(await readFile(path.join(DIST, file), 'utf8')), ids, words)).toEqual([]);
    });
  }
  for (const file of handoutPdfs) {
    it(`${file}: no source id, claim id, finding key or quantity key in its text${poppler.note}`, { skip: !poppler.available }, async () => {
      const [ids, words] = [readerIds(DIST), readerWords(DIST)];
      expect(idsIn(await pdfText(path.join(DIST, file)), ids, words)).toEqual([]);
    });
  }
  it('catches an id where one is printed (the check can fail)', async () => {
    const ids = readerIds(DIST);
    const [source] = [...ids.sources].filter((id) => /[-\d]/.test(id));
    // A key broken over two lines at one of its hyphens, as a PDF extraction leaves it.
    const quantity = [...ids.quantities].find((k) => k.includes('-'))!;
    expect(idsIn(`Sources differ (${source}, p. 15) on ${quantity.replace('-', '-\n')}.`, ids)).toEqual([source, quantity].sort());
  });
});

describe('doubt marks from the data, with their legend', () => {
  it('marks every entry of the chronology page with the mark of its settledness, and explains every mark', async () => {
    const levels = (await readJson<{ settledness: { levels: { value: string; mark: string; legend: string }[] } }>('sources/reconcile.json')).settledness.levels;
    const markOf = new Map(levels.map((l) => [l.value, l.mark]));
    const events = new Map((await readJson<{ event: string; settledness: string }[]>('dist/data/reconciled_events.json')).map((e) => [`event-${e.event}`, e.settledness]));
    const html = await readFile(path.join(DIST, 'chronology.html'), 'utf8');
    const entries = [...html.matchAll(/<article class="entry" id="([^"]+)">[\s\S]*?<h4>([\s\S]*?)<\/h4>/g)];
    expect(entries.length).toBe(events.size);
    const seen = new Set<string>();
    for (const [, id, h4] of entries) {
      const mark = /<abbr class="mark" title="([^"]+)">([^<]+)<\/abbr>/.exec(h4!);
      const expected = markOf.get(events.get(id!)!)!;
      expect(mark?.[2] ?? '', id).toBe(expected);
      if (mark) expect(mark[1]).toBe(events.get(id!));
      seen.add(expected);
    }
    // The record has events at every level, so each mark is shown somewhere.
    expect([...seen].sort()).toEqual(levels.map((l) => l.mark).sort());
    const text = htmlText(html).replace(/\s+/g, ' ');
    for (const l of levels) expect(text).toContain(`${l.mark ? `${l.mark} ` : ''}${l.legend}`);
  });

  for (const file of handoutPdfs) {
    it(`${file}: prints the legend of every mark${poppler.note}`, { skip: !poppler.available }, async () => {
      const levels = (await readJson<{ settledness: { levels: { mark: string; legend: string }[] } }>('sources/reconcile.json')).settledness.levels;
      const text = (await pdfText(path.join(DIST, file))).replace(/\s+/g, ' ');
      for (const l of levels) expect(text).toContain(`${l.mark ? `${l.mark} ` : ''}${l.legend}`);
    });

    it(`${file}: says what the marks mean at the foot of every page, for a page read on its own${poppler.note}`, { skip: !poppler.available }, async () => {
      const levels = (await readJson<{ settledness: { levels: { value: string; mark: string; legend: string }[] } }>('sources/reconcile.json')).settledness.levels;
      const key = `Marks: ${levels.map((l) => (l.mark ? `${l.mark} ${l.value}` : l.legend)).join(' · ')}`;
      const pages = await pdfPages(path.join(DIST, file));
      expect(pages.length).toBeGreaterThan(1);
      for (const [i, page] of pages.entries()) expect(page.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(key);
    });
  }
});

describe('a stage beside its whole', () => {
  for (const file of handoutPages) {
    it(`${file}: an entry that is part of another event says so, linking to the whole where the page prints it`, async () => {
      const events = new Map((await readJson<{ event: string; part_of: string | null; part_of_title: string | null }[]>('dist/data/reconciled_events.json')).map((e) => [`event-${e.event}`, e]));
      const html = await readFile(path.join(DIST, file), 'utf8');
      const entries = [...html.matchAll(/<article class="entry" id="([^"]+)">[\s\S]*?<p class="places">([\s\S]*?)<\/p>/g)];
      const here = new Set(entries.map(([, id]) => id));
      let parts = 0;
      for (const [, id, places] of entries) {
        const e = events.get(id!)!;
        if (!e.part_of) {
          expect(places, id).not.toContain('part of');
          continue;
        }
        parts++;
        const whole = `event-${e.part_of}`;
        expect(htmlText(places!).replace(/\s+/g, ' '), id).toContain(` · part of: ${e.part_of_title}`);
        expect(places!.includes(`<a href="#${whole}">`), id).toBe(here.has(whole));
      }
      // The full chronology holds stages of several wholes (the Osen operation's, the January Events').
      if (file === 'chronology.html') expect(parts).toBeGreaterThan(5);
    });
  }
});

describe("the dataset's period in every title", () => {
  const period = async () => {
    const [first, last] = (await readJson<{ temporalCoverage: string }>('sources/dataset.json')).temporalCoverage.split('/').map((d) => d.slice(0, 4));
    return `${first}–${last}`;
  };
  for (const file of handoutPages) {
    it(`${file}: title and heading end with the period, the context outside it and the scope are said`, async () => {
      const html = await readFile(path.join(DIST, file), 'utf8');
      const p = await period();
      expect(/<title>([^<]*)<\/title>/.exec(html)![1]).toMatch(new RegExp(`, ${p}$`));
      expect(htmlText(/<h1>([\s\S]*?)<\/h1>/.exec(html)![1]!).replace(/\s+/g, ' ').trim()).toMatch(new RegExp(`, ${p}$`));
      const [first, last] = p.split('–');
      const years = [...html.matchAll(/<time datetime="(\d{4})/g)].map((m) => m[1]!).sort();
      if (years[0]! < first!) expect(htmlText(html)).toContain(`with the background from ${years[0]}`);
      if (years.at(-1)! > last!) expect(htmlText(html)).toMatch(new RegExp(`aftermath to ${years.at(-1)}|aftermath to \\d{4}`));
      if (years[0]! >= first! && years.at(-1)! <= last!) expect(htmlText(html)).not.toMatch(/background from|aftermath to/);
      const config = await readJson<{ scope: string; handouts: { file: string; scope?: string }[] }>('templates/chronology.json');
      const handout = config.handouts.find((h) => `${h.file}.html` === file)!;
      expect(htmlText(html)).toContain(handout.scope ?? config.scope);
      expect(handout.scope ?? config.scope).toMatch(/1941–1944.* is covered only at its boundaries/);
    });
    it(`${file}: the scope is said again under the heading of the war years, where readers meet the gap`, async () => {
      const html = await readFile(path.join(DIST, file), 'utf8');
      const config = await readJson<{ scope: string; handouts: { file: string; scope?: string }[]; periods: { title: string; scope?: boolean }[] }>('templates/chronology.json');
      const note = config.handouts.find((h) => `${h.file}.html` === file)!.scope ?? config.scope;
      const reminded = config.periods.filter((p) => p.scope).map((p) => p.title);
      expect(reminded.length).toBeGreaterThan(0);
      const headings = [...html.matchAll(/<h2 id="period-\d+">([^<]*)<\/h2>\s*(?:<p class="period-note">([^<]*)<\/p>)?/g)].map((m) => ({ title: htmlText(m[1]!), note: m[2] ? htmlText(m[2]) : null }));
      for (const h of headings) expect(h.note, h.title).toBe(reminded.includes(h.title) ? note : null);
      expect(headings.some((h) => h.note !== null)).toBe(true);
    });
  }
  for (const file of handoutPdfs) {
    it(`${file}: the document title ends with the period${poppler.note}`, { skip: !poppler.available }, async () => {
      const info = (await exec('pdfinfo', [path.join(DIST, file)])).stdout;
      expect(/^Title:\s+(.*)$/m.exec(info)![1]).toMatch(new RegExp(`, ${await period()}$`));
    });
  }
});

describe('two pages at a glance per territory', async () => {
  const config = await readJson<{ glance: { territory: string; file: string; lesson: string[]; figures: string[] }[] }>('templates/chronology.json');
  const squash = (s: string) => s.replace(/[\s\-\u2010\u2011]+/g, '');
  const sizes = [
    { suffix: '', size: /^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m },
    { suffix: '-letter', size: /^Page size:\s+612 x 792 pts \(letter\)/m },
  ];
  it('one handout for each territory of the record that has a chronology handout', () => {
    expect(config.glance.map((g) => g.territory).sort()).toEqual(['bessarabia-bukovina', 'ee', 'lt', 'lv']);
    for (const g of config.glance) expect(g.lesson.length, g.file).toBeGreaterThanOrEqual(10);
  });
  for (const g of config.glance) {
    for (const { suffix, size } of sizes) {
      const file = `${g.file}${suffix}.pdf`;
      it(`${file}: exactly two filled pages of its size, every lesson event and key figure with its mark${poppler.note}`, { skip: !poppler.available }, async () => {
        const info = (await exec('pdfinfo', [path.join(DIST, file)])).stdout;
        expect(info).toMatch(/^Pages:\s+2$/m);
        expect(info).toMatch(size);
        const text = await pdfText(path.join(DIST, file));
        const pages = pagesOf(text);
        expect(pages).toHaveLength(2);
        for (const p of pages) expect(p.replace(/\s+/g, ' ').length, 'a filled page').toBeGreaterThan(1500);
        const marks = new Map((await readJson<{ settledness: { levels: { value: string; mark: string }[] } }>('sources/reconcile.json')).settledness.levels.map((l) => [l.value, l.mark]));
        const events = new Map((await readJson<{ event: string; title: string; settledness: string }[]>('dist/data/reconciled_events.json')).map((e) => [e.event, e]));
        const figures = new Map((await readJson<{ key: string; stated: string; settledness: string; measure: string; territory: string }[]>('dist/data/reconciled_figures.json')).map((f) => [f.key, f]));
        for (const id of g.lesson) {
          const e = events.get(id)!;
          expect(squash(text), e.title).toContain(squash(`${e.title} ${marks.get(e.settledness)}`));
        }
        const counted = new Map((await readJson<{ id: string; counted: string }[]>('dist/data/measures.json')).map((m) => [m.id, m.counted]));
        const places = new Map((await readJson<{ id: string; name: string; name_in_text: string | null }[]>('dist/data/territories.json')).map((t) => [t.id, t.name_in_text ?? t.name]));
        for (const key of g.figures) {
          const f = figures.get(key)!;
          expect(squash(text), key).toContain(squash(`${f.stated} ${marks.get(f.settledness)}`));
          // Named in words a reader says ("Deported from Latvia"), not as a measure and a territory ("Deported, Latvia").
          const what = counted.get(f.measure)!.replace('{place}', places.get(f.territory)!);
          expect(squash(text), key).toContain(squash(`${what[0]!.toUpperCase()}${what.slice(1)}:`));
        }
        expect(text).toContain('Where to read more');
        // The glossary's words this sheet uses, and no others (a form counts as whole words, with its case), each once: explained
        // on it, or, where the sheet has no room for every definition, named on the section's last line with where it is explained.
        const [body, words = ''] = text.replace(/\s+/g, ' ').split('Words used on this sheet');
        const [definitions, rest] = words.split(/(?:Also on this sheet, and explained|Explained) in (?:the full chronology \(see “Where to read more”\)|the data, with their sources): /);
        const glossary = await readGlossary();
        // pdftotext joins a word broken after its hyphen at a line's end ("non-" and "aggression" give "nonaggression"), so a named term is matched without its hyphens.
        const byLetters = new Map(glossary.map((w) => [w.term.replace(/-/g, ''), w.term]));
        const named = rest === undefined ? [] : /^(.*?)\.(?: |$)/.exec(rest)![1]!.split('; ').map((term) => byLetters.get(term.replace(/-/g, '')) ?? term);
        const defined = explained(glossary, definitions!);
        expect(defined.filter((term) => named.includes(term)), 'explained and named').toEqual([]);
        expect([...defined, ...named].sort(), 'the words explained or named').toEqual(termsIn(glossary, body!));
        // The years outside the period are said of the events this page shows, not of its territory's whole chronology.
        const [first, last] = (await readJson<{ temporalCoverage: string }>('sources/dataset.json')).temporalCoverage.split('/').map((d) => d.slice(0, 4));
        const dated = (await readJson<{ event: string; date_start: string; date_end: string | null }[]>('dist/data/reconciled_events.json')).filter((e) => g.lesson.includes(e.event));
        const before = dated.map((e) => e.date_start.slice(0, 4)).filter((y) => y < first!).sort()[0];
        const after = dated.map((e) => (e.date_end ?? e.date_start).slice(0, 4)).filter((y) => y > last!).sort().at(-1);
        const lead = squash(pages[0]!.split('Events')[0]!);
        if (before) expect(lead).toContain(squash(`background from ${before}`));
        else expect(lead).not.toContain(squash('background from'));
        if (after) expect(lead).toContain(squash(`aftermath to ${after}`));
        else expect(lead).not.toContain(squash('aftermath to'));
      });
    }
  }
});

describe('the words a chronology uses, explained at its end', () => {
  for (const file of handoutPages) {
    it(`${file}: every glossary term its text uses, and no other, with the PDF handout alike${poppler.note}`, async () => {
      const glossary = await readGlossary();
      const html = await readFile(path.join(DIST, file), 'utf8');
      // What the chronology itself says: its opening line, and each entry's places, title and summary.
      const entries = [...html.matchAll(/<(?:p class="(?:covered|places|summary)"|h4)>([\s\S]*?)<\/(?:p|h4)>/g)].map((m) => htmlText(m[1]!)).join('\n');
      const used = termsIn(glossary, entries);
      expect(used.length, 'the shipped chronologies use some of the glossary').toBeGreaterThan(0);
      const section = htmlText(/<section class="words"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
      expect(explained(glossary, section)).toEqual(used);
      if (!poppler.available) return;
      const pdf = (await pdfText(path.join(DIST, file.replace(/\.html$/, '.pdf')))).replace(/\s+/g, ' ');
      expect(explained(glossary, pdf.split('Words used in this chronology')[1]?.split('Where the sources give different dates')[0] ?? '')).toEqual(used);
    });
  }
});

describe('tagged for screen readers', () => {
  for (const file of handoutPdfs) {
    it(`${file}: a structure tree with its title as a heading${file.startsWith('glance') ? ' and the timeline as a figure' : ''}${poppler.note}`, { skip: !poppler.available }, async () => {
      const full = path.join(DIST, file);
      expect((await exec('pdfinfo', [full])).stdout).toMatch(/^Tagged:\s+yes$/m);
      const tree = (await exec('pdfinfo', ['-struct', full], { maxBuffer: 64 << 20 })).stdout;
      expect(tree).toMatch(/^\s+H1\b/m);
      expect(tree).toMatch(/^\s+P\b/m);
      if (file.startsWith('glance')) expect(tree).toMatch(/^\s+Figure\b/m);
    });
  }
});
