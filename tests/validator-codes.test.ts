/**
 * One fixture per diagnostic code: the minimal valid project with one mistake, asserted as
 * [file, line, code] triples, and the exact first message for each code.
 */
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type Code } from '../pipeline/catalogue.js';
import { cap, formatText } from '../pipeline/report/diagnostics.js';
import { runPipeline } from '../pipeline/build.js';
import { findingKey } from '../pipeline/reconcile/findings.js';
import { copyProject, edit } from './helpers.js';

type Triple = [string, number, Code];
interface Case {
  code: Code;
  mutate: (dir: string) => Promise<void>;
  expected: Triple[];
  message: string;
}

const S = 'sources/';
/** The finding the fixture's Latvian figures make once they disagree. */
const FIGURE_FINDING = findingKey('figure-disagreement', 'deported|lv|all|june-deportation');
const write = (dir: string, file: string, text: string | Buffer) => writeFile(path.join(dir, file), text);

const CASES: Case[] = [
  {
    code: 'file/missing',
    mutate: (d) => rm(path.join(d, 'sources/people.csv')),
    expected: [['sources/people.csv', 0, 'file/missing']],
    message: 'sources/people.csv  error  file/missing  the table "people" has no file',
  },
  {
    code: 'file/unreadable',
    mutate: async (d) => {
      await rm(path.join(d, 'sources/people.csv'));
      await mkdir(path.join(d, 'sources/people.csv'));
    },
    expected: [['sources/people.csv', 0, 'file/unreadable']],
    message: 'sources/people.csv  error  file/unreadable  the file cannot be read: EISDIR',
  },
  {
    code: 'file/schema',
    mutate: (d) => write(d, 'schemas/people.schema.json', '{ "title": "People", }'),
    expected: [['schemas/people.schema.json', 0, 'file/schema']],
    message: `schemas/people.schema.json  error  file/schema  the schema cannot be used: Expected double-quoted property name in JSON at position 21`,
  },
  {
    code: 'csv/empty-file',
    mutate: (d) => write(d, 'sources/people.csv', ''),
    expected: [['sources/people.csv', 0, 'csv/empty-file']],
    message: 'sources/people.csv  error  csv/empty-file  the file is empty; expected at least a header row',
  },
  {
    code: 'csv/invalid-utf8',
    mutate: async (d) => {
      const text = await readFile(path.join(d, 'sources/people.csv'));
      // "š" as Windows-1257 saves it: one byte, 0xF0, not valid UTF-8 here.
      const at = text.indexOf('š');
      await write(d, 'sources/people.csv', Buffer.concat([text.subarray(0, at), Buffer.from([0xf0]), text.subarray(at + 2)]));
    },
    expected: [['sources/people.csv', 2, 'csv/invalid-utf8']],
    message: 'sources/people.csv:2:2  error  csv/invalid-utf8  name "Augusts Kirhen�teins": the line holds bytes that are not valid UTF-8',
  },
  {
    code: 'csv/control-character',
    mutate: (d) => edit(d, S + 'people.csv', 'Head of', 'Head\u0000 of'),
    expected: [['sources/people.csv', 2, 'csv/control-character']],
    message: 'sources/people.csv:2:5  error  csv/control-character  role "Head\\u0000 of the Soviet-installed government of Latvia.": the cell holds the control character U+0000',
  },
  {
    code: 'csv/unclosed-quote',
    mutate: (d) => edit(d, S + 'events.csv', 'June deportation,People', '"June deportation,People'),
    expected: [['sources/events.csv', 3, 'csv/unclosed-quote']],
    message: 'sources/events.csv:3:6  error  csv/unclosed-quote  a quoted cell opens here and is never closed: it runs on to the end of the file',
  },
  {
    code: 'csv/stray-quote',
    mutate: (d) => edit(d, S + 'events.csv', 'Soviet troops entered Latvia.', 'Soviet troops entered "Latvia".'),
    expected: [['sources/events.csv', 2, 'csv/stray-quote']],
    message: 'sources/events.csv:2:7  error  csv/stray-quote  a quote character stands where a cell cannot hold one',
  },
  {
    code: 'csv/field-count',
    mutate: (d) => edit(d, S + 'figures.csv', 'src-b-ee,deported,ee,children,1941-06,3000', 'src-b-ee,deported,ee,children,1941-06,3,000'),
    expected: [['sources/figures.csv', 4, 'csv/field-count']],
    message: 'sources/figures.csv:4:18  error  csv/field-count  expected 17 cells as in the header, found 18',
  },
  {
    code: 'csv/blank-row',
    mutate: (d) => edit(d, S + 'territories.csv', 'baltic,state,,\n', 'baltic,state,,\n\n'),
    expected: [['sources/territories.csv', 4, 'csv/blank-row']],
    message: 'sources/territories.csv:4  warning  csv/blank-row  blank line; it is skipped',
  },
  {
    code: 'header/missing',
    mutate: (d) => edit(d, S + 'people.csv', /^.*\n/, ''),
    expected: [['sources/people.csv', 1, 'header/missing']],
    message: 'sources/people.csv:1  error  header/missing  the first row is not a header; expected the columns id,name,native_name,native_language,role',
  },
  {
    code: 'header/missing-column',
    mutate: async (d) => {
      const text = await readFile(path.join(d, 'sources/groups.csv'), 'utf8');
      await write(d, 'sources/groups.csv', text.replace(/,[^,\n]*$/gm, ''));
    },
    expected: [['sources/groups.csv', 1, 'header/missing-column']],
    message: 'sources/groups.csv:1  error  header/missing-column  partition: the column "partition" is missing from the header',
  },
  {
    code: 'header/unknown-column',
    mutate: (d) => edit(d, S + 'figures.csv', ',qualifier,', ',qualifer,'),
    expected: [
      ['sources/figures.csv', 1, 'header/missing-column'],
      ['sources/figures.csv', 1, 'header/unknown-column'],
    ],
    message: 'sources/figures.csv:1:7  error  header/unknown-column  qualifer: the column "qualifer" is not part of this table. Did you mean "qualifier"?',
  },
  {
    code: 'header/duplicate-column',
    mutate: async (d) => {
      await edit(d, S + 'people.csv', 'native_language,role', 'native_language,role,role');
      await edit(d, S + 'people.csv', 'of Latvia.', 'of Latvia.,again');
    },
    expected: [['sources/people.csv', 1, 'header/duplicate-column']],
    message: 'sources/people.csv:1:6  error  header/duplicate-column  role: the column "role" appears twice (first in column 5)',
  },
  {
    code: 'cell/required',
    mutate: (d) => edit(d, S + 'figures.csv', 'about 3000 children', ''),
    expected: [['sources/figures.csv', 4, 'cell/required']],
    message: 'sources/figures.csv:4:14  error  cell/required  quote: the cell is empty; this column is required',
  },
  {
    code: 'cell/type',
    mutate: (d) => edit(d, S + 'figures.csv', '1941-06,3000', '1941-06,about 3000'),
    expected: [['sources/figures.csv', 4, 'cell/type']],
    message: 'sources/figures.csv:4:6  error  cell/type  value "about 3000": expected an integer',
  },
  {
    code: 'cell/thousands-separator',
    mutate: (d) => edit(d, S + 'figures.csv', '15424,exact', '15 424,exact'),
    expected: [['sources/figures.csv', 2, 'cell/thousands-separator']],
    message: 'sources/figures.csv:2:6  error  cell/thousands-separator  value "15 424": expected an integer of digits only, found separators (meaning 15424?)',
  },
  {
    code: 'cell/enum',
    mutate: (d) => edit(d, S + 'figures.csv', '3000,about', '3000,abut'),
    expected: [['sources/figures.csv', 4, 'cell/enum']],
    message: 'sources/figures.csv:4:7  error  cell/enum  qualifier "abut": expected one of exact, about, more-than, at-least, less-than, at-most, almost, up-to, range. Did you mean "about"?',
  },
  {
    code: 'cell/pattern',
    mutate: (d) => edit(d, S + 'figures.csv', 'src-b-ee,', 'SRC B ee,'),
    expected: [['sources/figures.csv', 4, 'cell/pattern']],
    message: 'sources/figures.csv:4:1  error  cell/pattern  id "SRC B ee": expected an id of lowercase letters, digits and single hyphens (e.g. lv-occupation-1940)',
  },
  {
    code: 'cell/format',
    mutate: (d) => edit(d, S + 'sources.csv', 'blog.example/post,2026-11-27', 'blog.example/post,27.11.2026'),
    expected: [['sources/sources.csv', 3, 'cell/format']],
    message: 'sources/sources.csv:3:8  error  cell/format  accessed "27.11.2026": expected a calendar date YYYY-MM-DD',
  },
  {
    code: 'cell/range',
    mutate: (d) => edit(d, S + 'sources.csv', 'en,1,', 'en,7,'),
    expected: [['sources/sources.csv', 3, 'cell/range']],
    message: 'sources/sources.csv:3:10  error  cell/range  reliability "7": expected a number from 1 to 5',
  },
  {
    code: 'cell/unsafe-integer',
    mutate: (d) => edit(d, S + 'figures.csv', '15424,exact', '9007199254740993,exact'),
    expected: [['sources/figures.csv', 2, 'cell/unsafe-integer']],
    message: 'sources/figures.csv:2:6  error  cell/unsafe-integer  value "9007199254740993": expected an integer of at most 9007199254740991 in size; a larger one cannot be published exactly',
  },
  {
    code: 'cell/integer-form',
    mutate: (d) => edit(d, S + 'figures.csv', '15424,exact', '0015424,exact'),
    expected: [['sources/figures.csv', 2, 'cell/integer-form']],
    message: 'sources/figures.csv:2:6  warning  cell/integer-form  value "0015424": the number is published as 15424',
  },
  {
    code: 'cell/too-long',
    mutate: (d) => edit(d, S + 'events.csv', 'People were deported.', 'x'.repeat(5001)),
    expected: [['sources/events.csv', 3, 'cell/too-long']],
    message: `sources/events.csv:3:7  error  cell/too-long  summary "${'x'.repeat(57)}...": expected at most 5000 characters, found 5001`,
  },
  {
    code: 'date/invalid',
    mutate: (d) => edit(d, S + 'events.csv', '1941-06-13/1941-06-14', '13-14 June 1941'),
    expected: [['sources/events.csv', 3, 'date/invalid']],
    message: 'sources/events.csv:3:3  error  date/invalid  date "13-14 June 1941": expected an EDTF level 1 date such as 1941-06-13 or 1941-06-13/1941-06-14 (not EDTF syntax)',
  },
  {
    code: 'date/impossible',
    mutate: (d) => edit(d, S + 'events.csv', '1940-06-17', '1940-06-31'),
    expected: [['sources/events.csv', 2, 'date/impossible']],
    message: 'sources/events.csv:2:3  error  date/impossible  date "1940-06-31": 1940-06-31 is not a day of the calendar',
  },
  {
    code: 'date/reversed',
    mutate: (d) => edit(d, S + 'events.csv', '1941-06-13/1941-06-14', '1941-06-14/1941-06-13'),
    expected: [['sources/events.csv', 3, 'date/reversed']],
    message: 'sources/events.csv:3:3  error  date/reversed  date "1941-06-14/1941-06-13": the interval ends (1941-06-13) before it starts (1941-06-14)',
  },
  {
    code: 'date/out-of-range',
    mutate: (d) => edit(d, S + 'events.csv', '1940-06-17', '1040-06-17'),
    expected: [['sources/events.csv', 2, 'date/out-of-range']],
    message: 'sources/events.csv:2:3  error  date/out-of-range  date "1040-06-17": expected a date within the years 1800 to 2100',
  },
  {
    code: 'key/duplicate',
    mutate: (d) => edit(d, S + 'figures.csv', 'src-b-ee,', 'src-b-lv,'),
    expected: [['sources/figures.csv', 4, 'key/duplicate']],
    message: 'sources/figures.csv:4:1  error  key/duplicate  id "src-b-lv": this key is already used on line 3',
  },
  {
    code: 'key/foreign',
    mutate: (d) => edit(d, S + 'events.csv', ',lv;ee,', ',lv;estonia,'),
    expected: [['sources/events.csv', 3, 'key/foreign']],
    message: 'sources/events.csv:3:4  error  key/foreign  territories "estonia": no row of territories has this id.',
  },
  {
    code: 'key/cycle',
    mutate: (d) => edit(d, S + 'territories.csv', 'baltic,Baltic states,,,,region,', 'baltic,Baltic states,,,lv,region,'),
    expected: [['sources/territories.csv', 2, 'key/cycle']],
    message: 'sources/territories.csv:2:5  error  key/cycle  parent "lv": the hierarchy loops: baltic → lv → baltic',
  },
  {
    code: 'text/not-nfc',
    mutate: (d) => edit(d, S + 'people.csv', 'Augusts Kirhenšteins,Augusts', 'Augusts Kirhens\u030Cteins,Augusts'),
    expected: [['sources/people.csv', 2, 'text/not-nfc']],
    message: 'sources/people.csv:2:2  error  text/not-nfc  name "Augusts Kirhens\u030Cteins": the text is not in Unicode NFC form (a letter and its accent are stored apart)',
  },
  {
    code: 'text/whitespace',
    mutate: (d) => edit(d, S + 'events.csv', ',kirhensteins,src-a,', ',kirhensteins,src-a ,'),
    expected: [['sources/events.csv', 2, 'text/whitespace']],
    message: 'sources/events.csv:2:9  warning  text/whitespace  source "src-a ": the cell starts or ends with white space',
  },
  {
    code: 'text/formula',
    mutate: (d) => edit(d, S + 'events.csv', 'People were deported.', '=HYPERLINK(1)'),
    expected: [['sources/events.csv', 3, 'text/formula']],
    message: 'sources/events.csv:3:7  error  text/formula  summary "=HYPERLINK(1)": the text starts with "=", which a spreadsheet runs as a formula',
  },
  {
    code: 'text/invisible',
    mutate: (d) => edit(d, S + 'events.csv', 'Soviet troops occupy Latvia', 'Soviet troops \u202Eoccupy Latvia'),
    expected: [['sources/events.csv', 2, 'text/invisible']],
    message: 'sources/events.csv:2:6  error  text/invisible  title "Soviet troops \\u202Eoccupy Latvia": the cell holds the invisible character U+202E',
  },
  {
    code: 'text/copies-quote',
    mutate: (d) => edit(d, S + 'events.csv', 'Soviet troops entered Latvia.', '"Troops occupied the country on 17 June, the source says."'),
    expected: [['sources/events.csv', 2, 'text/copies-quote']],
    message: 'sources/events.csv:2:7  warning  text/copies-quote  summary "Troops occupied the country on 17 June, the source says.": shares 7 consecutive words with the quote: "troops occupied the country on 17 june"',
  },
  {
    code: 'figure/bounds',
    mutate: (d) => edit(d, S + 'figures.csv', '14000,15500', '16000,15500'),
    expected: [['sources/figures.csv', 3, 'figure/bounds']],
    message: 'sources/figures.csv:3:9  error  figure/bounds  high "15500": expected low <= value <= high, found low 16000, value (empty), high 15500',
  },
  {
    code: 'figure/qualifier-range',
    mutate: (d) => edit(d, S + 'figures.csv', '14000,15500', '14000,'),
    expected: [['sources/figures.csv', 3, 'figure/qualifier-range']],
    message: 'sources/figures.csv:3:7  error  figure/qualifier-range  qualifier "range": qualifier "range" needs both low and high',
  },
  {
    code: 'figure/unit',
    mutate: (d) => edit(d, S + 'figures.csv', ',,,persons,,src-b', ',,,families,,src-b'),
    expected: [['sources/figures.csv', 4, 'figure/unit']],
    message: 'sources/figures.csv:4:10  error  figure/unit  unit "families": expected unit "persons", the unit of measure "deported"',
  },
  {
    code: 'event/part-of-differs',
    mutate: async (d) => {
      await edit(d, S + 'events.csv', 'the night of 13-14 June,,,,,', 'the night of 13-14 June,,,,,lv-occupation');
      await writeFile(path.join(d, S + 'events.csv'), `${await readFile(path.join(d, S + 'events.csv'), 'utf8')}src-a-deportation,june-deportation,1941-06-14,lv,deportation,June deportation,People were deported.,,src-a,p. 3,troops occupied the country on 17 June,,,,,\n`);
    },
    expected: [['sources/events.csv', 4, 'event/part-of-differs']],
    message: 'sources/events.csv:4:16  error  event/part-of-differs  part_of: the event "june-deportation" is part of "lv-occupation" on line 3; expected the same here',
  },
  {
    code: 'event/two-headlines',
    mutate: async (d) => {
      await edit(d, S + 'events.csv', 'the night of 13-14 June,,,,,', 'the night of 13-14 June,,,,Its page dates the night.,');
      await writeFile(path.join(d, S + 'events.csv'), `${await readFile(path.join(d, S + 'events.csv'), 'utf8')}src-a-deportation,june-deportation,1941-06-14,lv,deportation,June deportation,People were deported.,,src-a,p. 3,troops occupied the country on 17 June,,,,Its page names the troops.,\n`);
    },
    expected: [['sources/events.csv', 4, 'event/two-headlines']],
    message: 'sources/events.csv:4:15  error  event/two-headlines  headline "Its page names the troops.": the claim "src-b-deportation" on line 3 is already chosen to be printed for the event "june-deportation"',
  },
  {
    code: 'event/title-differs',
    mutate: async (d) => {
      await writeFile(path.join(d, S + 'events.csv'), `${await readFile(path.join(d, S + 'events.csv'), 'utf8')}src-a-deportation,june-deportation,1941-06-14,lv,deportation,Deportation of June 1941,People were deported.,,src-a,p. 3,troops occupied the country on 17 June,,,,,\n`);
    },
    expected: [['sources/events.csv', 4, 'event/title-differs']],
    message: 'sources/events.csv:4:6  warning  event/title-differs  title "Deportation of June 1941": the event "june-deportation" is titled "June deportation" on line 3; expected the same here',
  },
  {
    code: 'source/quote-not-found',
    mutate: (d) => edit(d, S + 'figures.csv', '"15,424 inhabitants of Latvia"', '"15,425 inhabitants of Latvia"'),
    expected: [['sources/figures.csv', 2, 'source/quote-not-found']],
    message: 'sources/figures.csv:2:14  error  source/quote-not-found  quote "15,425 inhabitants of Latvia": the quote does not occur in sources/texts/src-a.txt',
  },
  {
    code: 'source/text-link',
    mutate: async (d) => {
      // A copy outside the project that would let a wrong quote pass.
      await write(d, 'elsewhere.txt', 'the 15,425 inhabitants of Latvia');
      await rm(path.join(d, 'sources/texts/src-a.txt'));
      await symlink(path.join(d, 'elsewhere.txt'), path.join(d, 'sources/texts/src-a.txt'));
      await edit(d, S + 'figures.csv', '"15,424 inhabitants of Latvia"', '"15,425 inhabitants of Latvia"');
    },
    expected: [['sources/texts/src-a.txt', 0, 'source/text-link']],
    message: 'sources/texts/src-a.txt  error  source/text-link  the text copy is a link, not a regular file inside the project; quotes citing src-a are not checked against it',
  },
  {
    code: 'source/url-missing',
    mutate: (d) => edit(d, S + 'sources.csv', 'https://blog.example/post', ''),
    expected: [['sources/sources.csv', 3, 'source/url-missing']],
    message: 'sources/sources.csv:3:7  error  source/url-missing  url: the url is empty, which only a source of kind archive, official, academic may leave; found kind "blog"',
  },
  {
    code: 'file/settings',
    mutate: (d) => edit(d, S + 'reconcile.json', '"tolerance": 0.1,', ''),
    expected: [['sources/reconcile.json', 0, 'file/settings']],
    message: "sources/reconcile.json  error  file/settings  the settings in this file cannot be used: / must have required property 'tolerance'",
  },
  {
    code: 'review/orphan',
    mutate: (d) => edit(d, S + 'reviews.csv', 'finding,status,note,preferred\n', 'finding,status,note,preferred\ndate-disagreement-0000000000,explained,Corrected since.,\n'),
    expected: [['sources/reviews.csv', 2, 'review/orphan']],
    message: 'sources/reviews.csv:2:1  warning  review/orphan  finding "date-disagreement-0000000000": no finding has this key any more',
  },
  {
    code: 'review/preferred-not-in-finding',
    // The fixture's two Latvian figures for the June deportation disagree (15,424 and 14,000-15,500 meet; 15,600 does not).
    mutate: async (d) => {
      await edit(d, S + 'figures.csv', '14000,15500', '15600,15700');
      await edit(d, S + 'reviews.csv', 'finding,status,note,preferred\n', `finding,status,note,preferred\n${FIGURE_FINDING},explained,The archive counts the night only.,src-b-ee\n`);
    },
    expected: [['sources/reviews.csv', 2, 'review/preferred-not-in-finding']],
    message: `sources/reviews.csv:2:4  error  review/preferred-not-in-finding  preferred "src-b-ee": the finding involves "src-a-lv", "src-b-lv"; the preferred claim is none of them. Did you mean "src-b-lv"?`,
  },
  {
    code: 'review/preferred-ambiguous',
    // The June deportation's event claim takes the id of the Latvian figure src-b-lv, whose period is then moved outside the event's dates: one finding names both.
    mutate: async (d) => {
      await edit(d, S + 'events.csv', 'src-b-deportation,june-deportation', 'src-b-lv,june-deportation');
      await edit(d, S + 'figures.csv', 'src-b-lv,deported,lv,all,1941-06-13/1941-06-14', 'src-b-lv,deported,lv,all,1942');
      await edit(d, S + 'reviews.csv', 'finding,status,note,preferred\n', `finding,status,note,preferred\n${findingKey('outside-event', 'src-b-lv in june-deportation')},explained,The figure counts the year after.,src-b-lv\n`);
    },
    expected: [['sources/reviews.csv', 2, 'review/preferred-ambiguous']],
    message: 'sources/reviews.csv:2:4  error  review/preferred-ambiguous  preferred "src-b-lv": "src-b-lv" is both an event claim and a figure claim of this finding',
  },
];

const FIXTURE = 'tests/fixtures/minimal/sources';

describe('validator: one fixture per code', () => {
  it('the minimal fixture itself is clean', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    expect((await runPipeline(dir, { write: false })).diagnostics).toEqual([]);
  });

  it('covers every code of the catalogue', () => {
    expect(CASES.map((c) => c.code).sort()).toEqual([...CODES].sort());
  });

  it('cell/too-long counts the items of a list', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, S + 'events.csv', ',lv;ee,', `,${Array(51).fill('lv').join(';')},`);
    const { diagnostics } = await runPipeline(dir, { write: false });
    expect(diagnostics.map((d) => [d.file, d.line, d.code, d.message])).toEqual([['sources/events.csv', 3, 'cell/too-long', 'expected at most 50 items, found 51']]);
  });

  it('cell/pattern: an event id must start with a letter, or a quantity keyed by it would read as keyed by a period', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    for (const file of ['events.csv', 'figures.csv']) await edit(dir, S + file, /,june-deportation,/g, ',1941-06,');
    const { diagnostics } = await runPipeline(dir, { write: false });
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([['sources/events.csv', 3, 'cell/pattern']]);
    expect(diagnostics[0]!.message).toContain('an event id of lowercase letters, digits and single hyphens that starts with a letter');
  });

  for (const c of CASES) {
    it(c.code, async () => {
      const dir = await copyProject({ sources: FIXTURE });
      await c.mutate(dir);
      const { diagnostics } = await runPipeline(dir, { write: false });
      const triples = diagnostics.map((d): Triple => [d.file, d.line, d.code]);
      expect(triples).toEqual(c.expected);
      const first = diagnostics.find((d) => d.code === c.code)!;
      expect(formatText(cap([first], 0)).split('\n')[0]).toBe(c.message);
    });
  }
});
