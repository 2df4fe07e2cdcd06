/** The dataset's metadata (sources/dataset.json) and the date every output carries. */
import { loadJsonSettings } from './settings.js';

export interface DatasetMeta {
  name: string;
  title: string;
  description: string;
  version: string;
  released: string;
  homepage: string | null;
  licenses: { name: string; path: string; title: string }[];
  contributors: { title: string; roles?: string[] }[];
  keywords: string[];
  temporalCoverage: string;
  spatialCoverage: string[];
}

export const DATASET_FILE = 'sources/dataset.json';

export const loadDataset = (root: string) => loadJsonSettings<DatasetMeta>(root, DATASET_FILE, 'schemas/dataset.schema.json');

/**
 * The moment the outputs are dated: SOURCE_DATE_EPOCH when set (reproducible-builds.org),
 * else the release day of the version. Never the clock, so that builds are reproducible.
 */
export function buildDate(meta: DatasetMeta, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${meta.released}T00:00:00Z`);
}

/** How to cite the data, in one line: the same words on the landing page, in the workbook and the data's README. */
export function citation(meta: DatasetMeta, date: Date): string {
  return `${meta.contributors.map((c) => c.title).join(', ')} (${date.toISOString().slice(0, 4)}). ${meta.title}. Version ${meta.version}${meta.homepage ? `. ${meta.homepage}` : ''}.`;
}

/**
 * The dataset's period (temporalCoverage, an ISO 8601 interval of years or days) as readers read
 * it in every title: "1939–1991", with an en dash. The first and last year bound what lies inside.
 */
export function datasetPeriod(meta: Pick<DatasetMeta, 'temporalCoverage'>): { first: string; last: string; text: string } {
  const [first = '', last = first] = meta.temporalCoverage.split('/').map((d) => d.slice(0, 4));
  return { first, last, text: first === last ? first : `${first}–${last}` };
}
