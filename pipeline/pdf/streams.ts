/**
 * pdfkit's content streams, written as text until they are ended, and deflated with fflate.
 *
 * pdfkit turned every drawing operator of a page (a word, a move, a colour) into a Buffer of its
 * own as it was written (PDFReference.write), and joined them when the stream ended: hundreds of
 * thousands of small Buffers that outlive every garbage collection until their page is written,
 * most of the report's node:buffer time in a profile and much of the copying its collections do.
 * Here the strings are kept in a list and become one Buffer, joined, when binary data must follow
 * them or the stream ends. The bytes are the same: pdfkit wrote each string as 'binary' (one byte
 * per character) with a line break after it, and so does this.
 *
 * pdfkit deflates each stream with Node's zlib, whose output is not the same everywhere: Node
 * bundles Chromium's fork of zlib, whose output has changed between Node releases, and a Node
 * built against the system's zlib (as Debian's package is) writes other bytes again. The same
 * sources would then give other PDFs, and another dist/, from one machine to the next. The streams
 * are deflated here with fflate instead (pure JavaScript, pinned by the lock file, as the zips
 * already are): about 0.13 s more for the report and a stream 6% larger, for the same bytes on
 * every machine.
 *
 * Like render.ts's hooks, this reaches into pdfkit's internals; tests/pdf-fonts.test.ts renders the
 * same document with and without each part.
 */
import { zlibSync } from 'fflate';
import { pdfmakeRequire } from './requires.js';

interface Reference {
  pending?: string[];
  compress: boolean;
  buffer: Uint8Array[];
  write(chunk: Uint8Array | string): void;
  finalize(): void;
}

/** Counts for tests: text streams joined. */
export const streamWork = { joined: 0 };

/** pdfkit's own write and finalize, for the test that compares the bytes. */
let own: { write: Reference['write']; finalize: Reference['finalize']; prototype: Reference } | undefined;

function original() {
  if (!own) {
    const PDFDocument = pdfmakeRequire('pdfkit') as new (options: object) => { ref(): Reference };
    const prototype = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false }).ref()) as Reference;
    own = { write: prototype.write, finalize: prototype.finalize, prototype };
  }
  return own;
}

function flush(ref: Reference, write: Reference['write']): void {
  if (ref.pending === undefined) return;
  const text = ref.pending;
  ref.pending = undefined;
  streamWork.joined++;
  write.call(ref, Buffer.from(`${text.join('\n')}\n`, 'binary'));
}

/** Whether streams are deflated here, with fflate, rather than by pdfkit with Node's zlib (`portableDeflate`). */
let deflateHere = false;

/** Deflates streams with fflate (`on`), or leaves it to pdfkit and Node's zlib (`off`, for the tests). */
export function portableDeflate(on: boolean): void {
  deflateHere = on;
}

/** A stream's bytes deflated (zlib format, as FlateDecode reads it; pdfkit's level), so that pdfkit writes them as they are. */
function deflate(ref: Reference): void {
  if (!deflateHere || !ref.compress || ref.buffer.length === 0) return;
  ref.buffer = [zlibSync(Buffer.concat(ref.buffer), { level: 6 })];
  ref.compress = false;
}

/** Installs the text streams (`on`), or puts pdfkit's own writing back (`off`, for the test). */
export function textStreams(on: boolean): void {
  const { write, finalize, prototype } = original();
  if (!on) {
    prototype.write = write;
    prototype.finalize = finalize;
    return;
  }
  prototype.write = function (this: Reference, chunk: Uint8Array | string) {
    if (chunk instanceof Uint8Array) {
      flush(this, write);
      write.call(this, chunk);
    } else {
      (this.pending ??= []).push(String(chunk));
    }
  };
  prototype.finalize = function (this: Reference) {
    flush(this, write);
    deflate(this);
    finalize.call(this);
  };
}
