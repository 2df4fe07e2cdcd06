/** Reconciliation at register scale: the agreement count, done by sets of documents, equals its definition claim by claim. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWitnesses } from '../pipeline/reconcile/evidence.js';
import { meets, supportInterval } from '../pipeline/reconcile/intervals.js';
import { supportCounts, type Candidate } from '../pipeline/reconcile/prefer.js';

const DOCUMENTS = ['a', 'b', 'c', 'd', 'e'];

const candidate = fc.record({
  low: fc.integer({ min: 0, max: 200 }),
  width: fc.integer({ min: 0, max: 60 }),
  open: fc.boolean(),
  documents: fc.uniqueArray(fc.constantFrom(...DOCUMENTS), { minLength: 1, maxLength: 2 }),
  doubtful: fc.boolean(),
});

describe('the agreement step', () => {
  it('counts, for each claim, the independent documents among itself and the undoubted claims whose intervals meet its own', () => {
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 40 }), fc.constantFrom(0, 0.1, 0.5), (specs, reach) => {
        // Claims of one source share its documents, as one array (evidence.ts): counts kept per array are then met again.
        const shared = new Map<string, string[]>();
        const documentsOf = (docs: string[]) => {
          const key = [...docs].sort().join();
          if (!shared.has(key)) shared.set(key, [...docs].sort());
          return shared.get(key)!;
        };
        const claims = specs.map((s, i): Candidate & { doubtful: boolean } => ({
          id: `c${i}`,
          flag: null,
          low: s.low,
          high: s.open ? Infinity : s.low + s.width,
          stated: '',
          evidence: 'count',
          weight: { grade: 3, documents: documentsOf(s.documents), evidence: 'count' },
          width: s.width,
          doubtful: s.doubtful,
        }));
        const undoubted = claims.filter((c) => !c.doubtful);
        const counts = supportCounts(claims, undoubted, reach);
        claims.forEach((c, i) => {
          const own = supportInterval(c, reach);
          const naive = countWitnesses([c, ...undoubted.filter((o) => o !== c && meets(own, supportInterval(o, reach)))].map((o) => o.weight.documents));
          expect(counts[i]).toBe(naive);
        });
      }),
      { numRuns: 300 },
    );
  });
});
