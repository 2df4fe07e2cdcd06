/**
 * ExcelJS writes each part of a workbook (a sheet, the shared strings) as a list of small strings
 * (`XmlStream`, one per tag, attribute and value) that it joins once at the end. V8 joins a list of
 * several hundred thousand strings about four times slower than the same list joined a thousand at
 * a time and then once more: for the shipped record's claims sheet (484,000 strings) 115 ms
 * against some 25, and about a quarter of a second of the workbook's time in all, on the thread
 * whose workbook is the last output a build waits for. The getter here joins in slices; the text,
 * and so the workbook's bytes, are the same.
 *
 * Like pdf/streams.ts, this reaches into a package's internals (ExcelJS 4.4's
 * lib/utils/xml-stream.js); tests/xml-join.test.ts checks the text against what ExcelJS's getter
 * makes, and tests/downloads.test.ts reads the workbook back.
 */
import { createRequire } from 'node:module';

interface XmlStream {
  _xml: unknown[];
  closeAll(): void;
}

/** Strings joined per slice: in a test of 480,000 tag-sized strings, 1,000 joined fastest (20 ms; 64 and 10,000 about 25 to 45). */
const SLICE = 1000;

/** `parts.join('')`, a slice at a time. */
export function joinInSlices(parts: readonly unknown[]): string {
  if (parts.length <= SLICE) return parts.join('');
  const slices: string[] = [];
  for (let i = 0; i < parts.length; i += SLICE) slices.push(parts.slice(i, i + SLICE).join(''));
  return slices.join('');
}

/** ExcelJS's XmlStream class, as its workbook writer loads it. */
export const xmlStreamClass = (): { prototype: XmlStream } => createRequire(createRequire(import.meta.url).resolve('exceljs'))('./lib/utils/xml-stream.js');

let patched = false;

/** Makes ExcelJS's XmlStream join its text in slices (once per process). */
export function joinXmlInSlices(): void {
  if (patched) return;
  patched = true;
  Object.defineProperty(xmlStreamClass().prototype, 'xml', {
    configurable: true,
    get(this: XmlStream) {
      this.closeAll();
      return joinInSlices(this._xml);
    },
  });
}
