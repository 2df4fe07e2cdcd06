/** The summary printed at the end of every build: counts by kind, then the findings without a final ruling. */
import type { Finding } from '../reconcile/findings.js';
import { showInvisible } from '../util/visible.js';

const WIDTH = 100;

function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > WIDTH - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

export const isOpen = (f: Finding) => f.review === null || f.review.status === 'open';

export function formatSummary(findings: Finding[]): string {
  if (findings.length === 0) return 'Reconciliation: no findings.';
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const open = findings.filter(isOpen);
  const rulings = new Map<string, number>();
  for (const f of findings) if (f.review && !isOpen(f)) rulings.set(f.review.status, (rulings.get(f.review.status) ?? 0) + 1);
  const ruled = [...rulings].map(([status, n]) => `${n} ${status}`).join(', ');
  const out = [`Reconciliation: ${findings.length} findings (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}); ${ruled ? `ruled ${ruled}; ` : ''}${open.length} without a final ruling.`];
  for (const f of open) out.push(`  ${f.key}  ${f.severity}${f.review ? '  (open)' : ''}`, wrap(showInvisible(f.sentence), '      '));
  if (open.length > 0) out.push('Rule on a finding by adding its key to sources/reviews.csv (status explained, accepted or open, and a note).');
  return out.join('\n');
}
