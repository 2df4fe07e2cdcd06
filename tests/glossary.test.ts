/**
 * The glossary: a handout explains the words of sources/glossary.csv that its own text uses, and
 * only those; every definition rests on a source like any claim (its quote checked, its words our own).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glanceDocument, glancePdf, glanceView } from '../pipeline/chronology/glance.js';
import { termsUsed, textsUsing, WordIndex } from '../pipeline/chronology/glossary.js';
import { escapeRegExp } from '../pipeline/util/regexp.js';
import { parse } from 'csv-parse/sync';
import { runPipeline } from '../pipeline/build.js';
import { pdfPageCount } from '../pipeline/pdf/page-count.js';
import { pdfPages, renderPdf } from '../pipeline/pdf/render.js';
import type { GlossaryRow } from '../pipeline/model.js';
import { copyProject, ROOT } from './helpers.js';
import { builtVariant, FIXTURE } from './shared.js';
import { pdfText } from './reader-text.js';
import { tool } from './tools.js';

const poppler = tool('pdftotext', 'poppler-utils');

const row = (id: string, term: string, forms: string[]): GlossaryRow => ({ id, term, forms, definition: `What ${term} means.`, source: 's', locator: 'p. 1', quote: 'q', note: null });

describe('the words a text uses', () => {
  const glossary = [
    row('nkvd', 'NKVD', ['NKVD']),
    row('presidium', 'Presidium of the Supreme Soviet', ['Presidium of the Supreme Soviet', 'Presidium']),
    row('supreme-soviet', 'Supreme Soviet', ['Supreme Soviet']),
    row('kulak', 'kulak', ['kulak', 'kulaks']),
    row('kolkhoz', 'Kolkhoz', ['kolkhoz']),
  ];
  const terms = (text: string) => termsUsed(glossary, [text]).map((e) => e.term);

  it('finds a form as whole words, with its case, in any of the texts', () => {
    expect(terms('The NKVD arrested him.')).toEqual(['NKVD']);
    expect(terms('NKVDs and the nkvd')).toEqual([]);
    expect(terms('Moscow’s Presidium rejected it')).toEqual(['Presidium of the Supreme Soviet']);
    expect(terms('the presidium')).toEqual([]);
    expect(terms('deported as kulaks')).toEqual(['kulak']);
    expect(terms('a kulakization')).toEqual([]);
    expect(termsUsed(glossary, ['The NKVD', 'a kolkhoz']).map((e) => e.term)).toEqual(['Kolkhoz', 'NKVD']);
  });

  it('lists each term once, in the order of the terms whatever their case, with its definition', () => {
    const used = termsUsed(glossary, ['The Presidium of the Supreme Soviet and the Supreme Soviet; kulak, kulaks, NKVD, NKVD.']);
    expect(used.map((e) => e.term)).toEqual(['kulak', 'NKVD', 'Presidium of the Supreme Soviet', 'Supreme Soviet']);
    expect(used[0]).toEqual({ term: 'kulak', definition: 'What kulak means.', at: 60 });
  });

  it('takes a form literally, marks and all, and a form in lower case also with a capital', () => {
    const words = [row('ussr', 'U.S.S.R.', ['U.S.S.R.']), row('laf', 'LAF', ['(LAF)']), row('partisans', 'national partisans', ['national partisans', 'partisans']), row('sajudis', 'Sąjūdis', ['Sąjūdis'])];
    const found = (text: string) => termsUsed(words, [text]).map((e) => e.term);
    expect(found('the U.S.S.R. and (LAF)')).toEqual(['LAF', 'U.S.S.R.']);
    // "." is not "any character", nor "(" a group.
    expect(found('the UaSbScRd and LAF')).toEqual([]);
    // A key figure's label or a sentence starts with a capital; the long form and the short one are one term.
    expect(found('Partisans, Estonia: 1944–1953')).toEqual(['national partisans']);
    expect(found('the national partisans of 1944')).toEqual(['national partisans']);
    // A combining mark touching a form makes it another word.
    expect(found('Sąjūdis, Sąjūdis\u0301')).toEqual(['Sąjūdis']);
    expect(found('Sąjūdis\u0301')).toEqual([]);
  });

  it('finds every term where the pattern that defines whole words finds it, first place and texts alike', async () => {
    // The definition: a pattern per term, with a lookbehind, tried at every character (as glossary.ts did before its index).
    const pattern = (forms: string[]) => new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${forms.flatMap((f) => (/^\p{Ll}/u.test(f) ? [f, f[0]!.toUpperCase() + f.slice(1)] : [f])).map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'u');
    const shipped = parse(await readFile(path.join(ROOT, 'sources/glossary.csv')), { columns: true }) as { id: string; term: string; forms: string }[];
    const events = parse(await readFile(path.join(ROOT, 'sources/events.csv')), { columns: true }) as { title: string; summary: string }[];
    const terms = [...shipped.map((r) => row(r.id, r.term, r.forms.split(';'))), ...glossary, row('laf', 'LAF', ['(LAF)', 'L.A.F.']), row('digit', '1941', ['1941']), row('sajudis', 'Sąjūdis', ['Sąjūdis']), row('wide', 'wide', ['𝐀B'])];
    const texts = [...events.flatMap((e) => [e.title, e.summary]), 'The (LAF) and L.A.F.s', 'in 1941, 19412 and x1941', 'Sąjūdis\u0301 then Sąjūdis', '𝐀B 𝐀𝐀B', 'NKVD', 'ends in NKV', 'D and more'];
    const used = termsUsed(terms, texts);
    const joined = texts.join('\n');
    expect(used).toEqual(terms.flatMap((r) => { const at = pattern(r.forms).exec(joined)?.index; return at === undefined ? [] : [{ term: r.term, definition: r.definition, at }]; }).sort((a, b) => used.findIndex((u) => u.term === a.term) - used.findIndex((u) => u.term === b.term)));
    expect(used.length).toBeGreaterThan(20);
    const index = new WordIndex(texts);
    for (const r of terms) expect(textsUsing(r, index), r.term).toBe(texts.filter((t) => pattern(r.forms).test(t)).length);
    // A form that would run from one text into the next is in neither, and hides no place inside the next.
    expect(textsUsing(row('split', 'NKV D', ['NKV\nD']), new WordIndex(['ends in NKV', 'D and more']))).toBe(0);
    expect(textsUsing(row('dashes', 'dashes', ['-\n-']), new WordIndex(['a -', '-\n- b']))).toBe(1);
    // A term used a hundred and fifty thousand times.
    expect(termsUsed([row('nkvd', 'NKVD', ['NKVD'])], ['x', 'NKVD '.repeat(150_000)]).map((e) => e.at)).toEqual([2]);
  });

  it('finds nothing in an empty glossary or text', () => {
    expect(termsUsed([], ['The NKVD'])).toEqual([]);
    expect(termsUsed(glossary, [])).toEqual([]);
  });
});

describe('a handout at a glance', () => {
  it(`explains the words its text uses, and no other${poppler.note}`, { skip: !poppler.available }, async () => {
    // The fixture's glossary: "deportation" (its June deportation uses it) and "kolkhoz" (no event does).
    const variant = await builtVariant();
    expect(variant.run.code, variant.run.stdout + variant.run.stderr).toBe(0);
    const text = await pdfText(path.join(variant.dist, 'glance-lv.pdf'));
    const [before, words] = text.split('Words used on this sheet');
    expect(words, 'a section of the words used').toBeDefined();
    expect(before).toMatch(/\bdeportation\b/);
    expect(words).toMatch(/Deportation:\s+Forcing people from their homes to a distant place/);
    expect(text).not.toMatch(/Kolkhoz|collective farm/);
    expect(before).toContain('every word explained on this sheet');
  });
});

describe('a handout at a glance with more words than room', () => {
  it('explains the words its territory\'s history uses most, then those its reader meets first, names the others and where they are explained, and keeps to two pages', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const r = await runPipeline(dir, { write: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const glance = { territory: 'lv', file: 'glance-lv', name: 'Latvia', lesson: ['lv-occupation', 'june-deportation'], figures: ['deported|lv|all|june-deportation'] };
    const viewWith = (glossary: GlossaryRow[]) => glanceView({ glance, record: { ...r.record!, glossary }, reconciled: r.reconciled!, settings: r.settings!, meta: r.meta!, released: '2026-01-01', chronology: null, chronologyFile: null });
    // Every word of four letters or more on the sheet a term, each explained at length: far more than a page holds.
    const sheetText = JSON.stringify(glanceDocument(viewWith([]), 'A4').content);
    const words = [...new Set(sheetText.match(/(?<![\p{L}\\])\p{L}{4,}(?!\p{L})/gu))];
    const long = (w: string) => `What ${w} means, said at length. ${'It is explained here in a sentence that runs on and on, as a long definition would. '.repeat(24)}`;
    const view = viewWith(words.map((w, i) => ({ ...row(`w${i}`, w, [w]), definition: long(w) })));
    expect(view.words.length).toBeGreaterThan(8);

    const fit = async (sheet: typeof view) => {
      const info = { title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(0) };
      const explainedIn = (doc: Record<string, unknown>) => {
        const content = JSON.stringify(doc.content);
        return { content, explained: sheet.words.filter((w) => content.includes(`: ${w.definition}`)).map((w) => w.term) };
      };
      // Every try, counted or drawn: how many words it explained and how many pages it took.
      const tries: { explained: number; pages: number; drawn: boolean }[] = [];
      let last = { content: '', explained: [] as string[] };
      const bytes = await glancePdf(sheet, 'A4', {
        render: async (doc) => {
          const pdf = await renderPdf(doc, info);
          last = explainedIn(doc);
          tries.push({ explained: last.explained.length, pages: pdfPageCount(pdf), drawn: true });
          return pdf;
        },
        pages: async (doc) => {
          const pages = await pdfPages(doc, info);
          tries.push({ explained: explainedIn(doc).explained.length, pages, drawn: false });
          return pages;
        },
      });
      expect(pdfPageCount(bytes)).toBe(2);
      expect(tries[0], 'every word explained, counted').toEqual({ explained: sheet.words.length, pages: expect.any(Number), drawn: false });
      expect(tries[0]!.pages).toBeGreaterThan(2);
      // Every try but the last was only counted, and the count is what the drawing gives; the most words that fit were chosen: one more did not.
      expect(tries.slice(0, -1).every((t) => !t.drawn)).toBe(true);
      expect(tries.at(-1)!.drawn).toBe(true);
      const chosen = last.explained.length;
      expect(tries.filter((t) => t.explained === chosen).map((t) => t.pages)).toEqual([2, 2]);
      expect(tries.find((t) => t.explained === chosen + 1)?.pages).toBeGreaterThan(2);
      return last;
    };

    // Without a chronology of the territory no word is used more than another: those met first are explained.
    const { explained, content } = await fit(view);
    const named = view.words.filter((w) => !explained.includes(w.term));
    expect(explained.length).toBeGreaterThan(0);
    expect(named.length).toBeGreaterThan(0);
    for (const e of view.words.filter((w) => explained.includes(w.term))) for (const n of named) expect(e.at, `${e.term} is met before ${n.term}`).toBeLessThan(n.at);
    const line = /Also on this sheet, and explained in the data, with their sources: ([^"]*)\./.exec(content)?.[1];
    expect(line?.split('; ').sort()).toEqual(named.map((n) => n.term).sort());

    // A word the territory's history turns on (used by more entries of its chronology) is explained before one met earlier.
    const lastMet = [...view.words].sort((a, b) => b.at - a.at)[0]!;
    expect(explained).not.toContain(lastMet.term);
    const weighed = await fit({ ...view, words: view.words.map((w) => (w === lastMet ? { ...w, uses: 3 } : w)) });
    expect(weighed.explained).toContain(lastMet.term);
  });
});

describe('the published glossary', () => {
  it('is a table of the Data Package whose list of forms names no link table, since it has none', async () => {
    const variant = await builtVariant();
    const pkg = JSON.parse(await readFile(path.join(variant.dist, 'datapackage.json'), 'utf8')) as { resources: { name: string; schema?: { fields: { name: string; description: string }[] } }[] };
    const names = new Set(pkg.resources.map((r) => r.name));
    const glossary = pkg.resources.find((r) => r.name === 'glossary');
    expect(glossary?.schema?.fields.map((f) => f.name)).toEqual(['id', 'term', 'forms', 'definition', 'source', 'locator', 'quote', 'note']);
    // Every list column that points the reader to a link table has one (events' territories and people do; the glossary's forms do not).
    const pointing = pkg.resources.flatMap((r) => (r.schema?.fields ?? []).filter((f) => f.description.includes('the link table')).map((f) => `${r.name.replace(/s$/, '')}_${f.name}`));
    expect(pointing).toEqual(expect.arrayContaining(['event_territories', 'event_people']));
    for (const link of pointing) expect(names, link).toContain(link);
    expect(glossary!.schema!.fields.find((f) => f.name === 'forms')!.description).not.toContain('link table');
  });
});
