/**
 * PDFs already rendered, kept in .build/pdf-cache by a hash of everything that makes their
 * bytes: the whole document definition (functions by their source text), the metadata, the
 * renderer's own code (every module of this folder) and pdfmake's version. An edit that does not change a PDF's content
 * (a figure does not change the chronology) then costs no rendering; any change renders anew.
 * The charts' SVG is kept beside them, by its own key (report/vega-svg.ts).
 * Entries are checked files (util/checked-file.ts): a truncated or damaged entry, or one a full
 * disk cut short, is never used; it is dropped and the PDF rendered again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChecked, writeChecked } from '../util/checked-file.js';
import { keptWords, readKeptWords, shapedWordsKey } from './fonts.js';
import { pdfmakeRequire } from './requires.js';

// Every module of this folder, so that a hook added to the renderer cannot be left out of the key.
const here = path.dirname(fileURLToPath(import.meta.url));
// Its digest goes into each key, not its 50 KB of text, which every key (some seventy a build) escaped and hashed again.
const rendererDigest = readdir(here)
  .then((files) => Promise.all(files.filter((f) => f.endsWith('.ts')).sort().map((f) => readFile(path.join(here, f), 'utf8'))))
  .then((s) => createHash('sha256').update(s.join('\n')).digest('hex'));
const pdfmakeVersion = (pdfmakeRequire('pdfmake/package.json') as { version: string }).version;
let wordsRead = false;

export class PdfCache {
  private readonly used = new Set<string>();
  constructor(private readonly dir: string) {}

  async key(doc: unknown, info: unknown): Promise<string> {
    const text = JSON.stringify({ doc, info, renderer: await rendererDigest, pdfmake: pdfmakeVersion }, (_, v: unknown) => (typeof v === 'function' ? v.toString() : v));
    return createHash('sha256').update(text).digest('hex');
  }

  /** An entry's file: its key, then what it holds (`pdf`, `svg`). */
  private file(key: string, kind: string): string {
    return path.join(this.dir, `${key}.${kind}.checked`);
  }

  async get(key: string, kind = 'pdf'): Promise<Buffer | undefined> {
    return readChecked(this.use(key, kind));
  }

  /** Records that this build uses an entry (prune keeps it), and gives its file. */
  private use(key: string, kind: string): string {
    const file = this.file(key, kind);
    this.used.add(file);
    return file;
  }

  /** The cache only saves time: a PDF that cannot be kept (a full disk) is simply rendered again next time. */
  async put(key: string, bytes: Buffer, kind = 'pdf'): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      await writeChecked(this.file(key, kind), bytes);
    } catch {
      // Nothing partial is left behind (writeChecked), and the build has the bytes it needs.
    }
  }

  /**
   * The words earlier builds shaped (fonts.ts), read once per process, when the first PDF is to be
   * rendered (render.ts): shaping is a fifth of rendering the report, and a build that renders a
   * PDF again shapes the same words again; but reading the entry (3 MB) takes about 0.3 s, which a
   * build that renders no PDF (an edit only the data tables hold) does not pay.
   */
  async readWords(): Promise<void> {
    const key = await shapedWordsKey;
    if (wordsRead) {
      // Watch mode: the process holds every word the entry does; it is only kept from pruning.
      this.use(key, 'words');
      return;
    }
    const kept = await this.get(key, 'words');
    if (kept) readKeptWords(kept.toString('utf8'));
    wordsRead = true;
  }

  /** Keeps the words shaped for the next build, if this one shaped any new. */
  async keepWords(): Promise<void> {
    const words = keptWords();
    if (words !== undefined) await this.put(await shapedWordsKey, Buffer.from(words, 'utf8'), 'words');
  }

  /** The entries this build used, for the record of the build (cache.ts checks they are still whole). */
  files(): string[] {
    return [...this.used].sort();
  }

  /** Forgets every file this build did not use (older entries, older formats, temporary files), so that the cache holds one build's worth. */
  async prune(): Promise<void> {
    // The kept words stay whether or not this build read them: it may have rendered no PDF.
    const keep = new Set([...this.files(), this.file(await shapedWordsKey, 'words')].map((f) => path.basename(f)));
    const files = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(files.filter((f) => !keep.has(f)).map((f) => rm(path.join(this.dir, f), { force: true })));
  }
}
