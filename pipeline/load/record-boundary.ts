/**
 * Where a CSV file may be cut in two so that each part can be read on its own: the start of the
 * first record at or after a byte offset. Outside a quoted cell the count of quotes read so far
 * is even (RFC 4180 doubles a quote inside a cell, and a file that passed validation has no
 * stray ones), so a line break there ends a record.
 */
import { open } from 'node:fs/promises';

export interface Boundary {
  /** Byte offset of the record's first byte. */
  offset: number;
  /** Its physical line in the file. */
  line: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** The first record that starts at or after `from`; undefined when none does. */
export async function recordBoundary(file: string, from: number): Promise<Boundary | undefined> {
  const handle = await open(file);
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let quotes = 0;
    let line = 1;
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return undefined;
      for (let i = 0; i < bytesRead; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) quotes++;
        else if (byte === NEWLINE) {
          line++;
          if (position + i + 1 >= from && quotes % 2 === 0) return { offset: position + i + 1, line };
        }
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
