/**
 * Numbers and EDTF dates as readers write them ("15,424"; "13–14 June 1941", "about March
 * 1949", "spring 1941"). Pure string work: the same output on every machine and locale.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SEASONS: Record<string, string> = { '21': 'spring', '22': 'summer', '23': 'autumn', '24': 'winter' };

/** A value quoted in a message: at most 60 characters, with "..." where it was cut. */
/** The text with its first letter a capital, for a phrase that opens a sentence or a label. */
export const capitalised = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s);

export const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** "1,234,567": thousands grouped with commas, as the report and the tables print figures. */
export function formatNumber(n: number): string {
  // Whole numbers, nearly every figure, are grouped without a regular expression: a register words a million of them.
  if (Number.isSafeInteger(n)) {
    const digits = String(Math.abs(n));
    let grouped = digits.slice(0, digits.length % 3 || 3);
    for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
    return n < 0 ? `-${grouped}` : grouped;
  }
  const [whole, fraction] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/**
 * The numbers the sources give for a quantity, lowest to highest: "14,000–17,000", or the one
 * number. When the highest is the published figure and it has no upper bound, it is said as its
 * source says it ("160,000 to more than 200,000"): "160,000–200,000" beside a published "more
 * than 200,000" reads as a contradiction.
 */
export function formatSpan(f: { low: number; high: number; value: number | null; open_above: boolean; stated: string }): string {
  if (f.low === f.high) return formatNumber(f.low);
  if (f.open_above && f.value === f.high) return `${formatNumber(f.low)} to ${f.stated}`;
  return `${formatNumber(f.low)}–${formatNumber(f.high)}`;
}

interface Parts {
  year: string;
  month?: number;
  day?: number;
  season?: string;
  approximate: boolean;
  uncertain: boolean;
}

function parts(text: string): Parts {
  const marks = /[~?%]$/.exec(text)?.[0] ?? '';
  const bare = marks ? text.slice(0, -1) : text;
  const [year, second, third] = bare.split('-');
  const p: Parts = { year: year!.replace(/X/g, '0') + (year!.includes('X') ? 's' : ''), approximate: marks === '~' || marks === '%', uncertain: marks === '?' || marks === '%' };
  if (second && SEASONS[second]) p.season = SEASONS[second];
  else if (second) p.month = Number(second);
  if (third) p.day = Number(third);
  return p;
}

function single(p: Parts): string {
  const core = p.season ? `${p.season} ${p.year}` : p.day ? `${p.day} ${MONTHS[p.month! - 1]} ${p.year}` : p.month ? `${MONTHS[p.month - 1]} ${p.year}` : p.year;
  return `${p.approximate ? 'about ' : ''}${core}${p.uncertain ? ' (uncertain)' : ''}`;
}

/** Human form of an EDTF level 1 date or interval. */
export function formatDate(text: string): string {
  const [a, b] = text.split('/');
  if (b === undefined) return single(parts(a!));
  if (a === '' || a === '..') return `until ${single(parts(b))}`;
  if (b === '' || b === '..') return `from ${single(parts(a!))}`;
  const [x, y] = [parts(a!), parts(b)];
  const plain = !x.approximate && !x.uncertain && !y.approximate && !y.uncertain && !x.season && !y.season;
  if (plain && x.year === y.year && x.day && y.day && x.month === y.month) return `${x.day}–${y.day} ${MONTHS[x.month! - 1]} ${x.year}`;
  if (plain && x.year === y.year && x.day && y.day) return `${x.day} ${MONTHS[x.month! - 1]} – ${y.day} ${MONTHS[y.month! - 1]} ${x.year}`;
  if (plain && x.year === y.year && x.month && y.month && !x.day && !y.day) return `${MONTHS[x.month - 1]}–${MONTHS[y.month - 1]} ${x.year}`;
  // Two plain years take a closed-up en dash, as a period is written: "1939–1991".
  if (plain && !x.month && !y.month) return `${x.year}–${y.year}`;
  return `${single(x)} – ${single(y)}`;
}
