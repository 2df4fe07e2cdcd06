/**
 * PDFs already rendered, kept in .build/pdf-cache by a hash of everything that makes their
 * bytes: the whole document definition (functions by their source text), the metadata, the
 * renderer's own code and pdfmake's version. An edit that does not change a PDF's content
 * (a figure does not change the chronology) then costs no rendering; any change renders anew.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rendererSource = readFile(fileURLToPath(new URL('./render.ts', import.meta.url)), 'utf8');
const pdfmakeVersion = (createRequire(import.meta.url)('pdfmake/package.json') as { version: string }).version;

export class PdfCache {
  private readonly used = new Set<string>();
  constructor(private readonly dir: string) {}

  async key(doc: unknown, info: unknown): Promise<string> {
    const text = JSON.stringify({ doc, info, renderer: await rendererSource, pdfmake: pdfmakeVersion }, (_, v: unknown) => (typeof v === 'function' ? v.toString() : v));
    return createHash('sha256').update(text).digest('hex');
  }

  async get(key: string): Promise<Buffer | undefined> {
    this.used.add(key);
    return readFile(path.join(this.dir, `${key}.pdf`)).catch(() => undefined);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, `${key}.pdf`), bytes);
  }

  /** Forgets every PDF this build did not ask for, so that the cache holds one build's worth. */
  async prune(): Promise<void> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(files.filter((f) => !this.used.has(f.replace(/\.pdf$/, ''))).map((f) => rm(path.join(this.dir, f), { force: true })));
  }
}
