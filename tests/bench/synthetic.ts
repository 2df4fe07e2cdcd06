/**
 * Synthetic figure registers for the benchmark: the shipped project with sources/figures.csv
 * replaced by N valid rows. Clearly synthetic (ids syn-N, quotes "synthetic row N") and
 * written under the system's temporary folder, never into dist/.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers.js';

const MEASURES = [['deported', 'persons'], ['families-deported', 'families'], ['arrested', 'persons'], ['deportation-planned', 'persons']] as const;
const TERRITORIES = ['ee', 'lv', 'lt', 'md', 'n-bukovina', 'baltic'];
const GROUPS = ['all', 'children', 'women', 'men'];
const SOURCES = ['lva', 'muz', 'btt', 'lsm', 'pohl', 'prib', 'besdep', 'ipn'];
const QUALIFIERS = ['exact', 'about', 'more-than', 'at-least', 'almost', 'range'];

/** Row i: spread over measures, territories, groups and a few hundred periods, as a register would be. */
export function syntheticRow(i: number): string {
  const [measure, unit] = MEASURES[i % MEASURES.length]!;
  const year = 1940 + (i % 12);
  const month = String((Math.floor(i / 12) % 12) + 1).padStart(2, '0');
  const qualifier = QUALIFIERS[i % QUALIFIERS.length]!;
  const value = 100 + ((i * 7919) % 50000);
  const [v, low, high] = qualifier === 'range' ? ['', value, value + 500] : [value, '', ''];
  return `syn-${i},${measure},${TERRITORIES[i % TERRITORIES.length]},${GROUPS[(i >> 2) % GROUPS.length]},${year}-${month},${v},${qualifier},${low},${high},${unit},,${SOURCES[i % SOURCES.length]},synthetic locator ${i},"synthetic row ${i}, quoted",,synthetic,\n`;
}

export const HEADER = 'id,measure,territory,group,period,value,qualifier,low,high,unit,event,source,locator,quote,flag,note,evidence\n';

/** A project folder holding the shipped tables and a figures table of `rows` synthetic rows. */
export async function syntheticProject(rows: number): Promise<string> {
  const dir = path.join(os.tmpdir(), 'chronicle-bench', String(rows));
  await mkdir(dir, { recursive: true });
  for (const d of ['schemas', 'sources', 'templates', 'pipeline']) await cp(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  const chunks: string[] = [HEADER];
  for (let i = 0; i < rows; i++) chunks.push(syntheticRow(i));
  await writeFile(path.join(dir, 'sources/figures.csv'), chunks.join(''));
  return dir;
}
