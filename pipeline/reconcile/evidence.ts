/**
 * What a claim is worth: the document that carries its evidence, not the page it was read on.
 * A page that copies, quotes or retells others (derived_from) weighs as the documents it derives
 * from, and counts as them wherever agreement is counted: two copies of one report are one
 * witness. Built once per reconcile from the sources table.
 */
import type { Evidence, SourceRow } from '../model.js';

export interface Weight {
  /** Grade of the underlying document: the page's own where it derives from nothing, else the weakest of the documents it derives from. */
  grade: number;
  /** The underlying documents (ids of sources that derive from nothing), sorted. */
  documents: string[];
  /** Evidence kind the source's claims rest on by default. */
  evidence: Evidence;
}

export function weighSources(sources: SourceRow[]): Map<string, Weight> {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const out = new Map<string, Weight>();
  const visit = (id: string, path: Set<string>): Weight | undefined => {
    const known = out.get(id);
    if (known) return known;
    const s = byId.get(id);
    if (!s) return undefined;
    const from = (s.derived_from ?? []).filter((d) => d !== id && !path.has(d) && byId.has(d));
    const parents = from.map((d) => visit(d, new Set([...path, id]))!).filter(Boolean);
    // Where a page derives from several documents, the claim may rest on the weakest of them.
    const weight: Weight =
      parents.length === 0
        ? { grade: s.reliability, documents: [s.id], evidence: s.evidence }
        : { grade: Math.min(...parents.map((p) => p.grade)), documents: [...new Set(parents.flatMap((p) => p.documents))].sort(), evidence: s.evidence };
    out.set(id, weight);
    return weight;
  };
  for (const s of sources) visit(s.id, new Set());
  return out;
}

/**
 * How many independent witnesses stand behind a set of claims: claims whose sources share an
 * underlying document are one witness (copies of copies included).
 */
export function countWitnesses(documentSets: string[][]): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const docs of documentSets) for (const d of docs) if (!parent.has(d)) parent.set(d, d);
  for (const docs of documentSets) for (const d of docs.slice(1)) parent.set(find(d), find(docs[0]!));
  return new Set(documentSets.filter((d) => d.length > 0).map((d) => find(d[0]!))).size;
}
