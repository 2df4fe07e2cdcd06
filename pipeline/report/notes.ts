/**
 * The report's numbered bibliography: a source gets its number where the report first cites
 * it, so that notes read in order; sources never cited come after, by id.
 */
import type { SourceRow } from '../model.js';

export class Notes {
  private readonly order = new Map<string, number>();
  constructor(private readonly sources: Map<string, SourceRow>) {}

  /** The note numbers of these sources, ascending. */
  cite(ids: Iterable<string>): number[] {
    const numbers = [...new Set(ids)].map((id) => {
      if (!this.order.has(id)) this.order.set(id, this.order.size + 1);
      return this.order.get(id)!;
    });
    return numbers.sort((a, b) => a - b);
  }

  /** "[3, 7]" */
  mark(ids: Iterable<string>): string {
    return `[${this.cite(ids).join(', ')}]`;
  }

  /** The sources cited so far, with their numbers, in order. */
  cited(): { n: number; source: SourceRow }[] {
    return [...this.order].map(([id, n]) => ({ n, source: this.sources.get(id)! }));
  }

  /** Every source with its number, cited ones first. */
  list(): { n: number; source: SourceRow }[] {
    for (const id of [...this.sources.keys()].sort()) this.cite([id]);
    return this.cited();
  }
}
