/**
 * Where a CSV file may be cut in two so that each part can be read on its own: the start of the
 * first record at or after a byte offset. Outside a quoted cell the count of quotes read so far
 * is even (RFC 4180 doubles a quote inside a cell, and a file that passed validation has no
 * stray ones), so a record's line break there ends it. Records end as csv-parse finds them to:
 * all as the first line break outside quotes does (\n or \r\n), so in a file of \r\n a bare \n
 * is inside a record, and a file whose records end in a bare \r is not cut.
 */
import { open } from 'node:fs/promises';

export interface Boundary {
  /** Byte offset of the record's first byte. */
  offset: number;
  /** Its physical line in the file. */
  line: number;
  /** How every record of the file ends, for the part after the cut, which cannot see the first. */
  recordDelimiter: '\n' | '\r\n';
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** The first record that starts at or after `from`; undefined when none does. */
export async function recordBoundary(file: string, from: number): Promise<Boundary | undefined> {
  const handle = await open(file);
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let quotes = 0;
    let line = 1;
    let delimiter: Boundary['recordDelimiter'] | undefined;
    let previous = -1;
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return undefined;
      for (let i = 0; i < bytesRead; i++) {
        const byte = chunk[i]!;
        const outside = quotes % 2 === 0;
        // The first line break outside quotes: \r\n, \n, or a bare \r (not cut).
        if (delimiter === undefined && outside && previous === CR) {
          if (byte !== LF) return undefined;
          delimiter = '\r\n';
        } else if (delimiter === undefined && outside && byte === LF) delimiter = '\n';
        if (byte === QUOTE) quotes++;
        else if (byte === LF) {
          line++;
          if (outside && position + i + 1 >= from && (delimiter === '\n' || previous === CR)) return { offset: position + i + 1, line, recordDelimiter: delimiter! };
        }
        previous = byte;
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
