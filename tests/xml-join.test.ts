/** ExcelJS's XML joined in slices (pipeline/emit/xml-join.ts): the same text as ExcelJS's own join. */
import { describe, expect, it } from 'vitest';
import { joinInSlices, joinXmlInSlices, xmlStreamClass } from '../pipeline/emit/xml-join.js';

describe('ExcelJS XML joined in slices', () => {
  it('gives the text of one join, across and at the slice boundaries', () => {
    for (const n of [0, 1, 999, 1000, 1001, 2000, 2001, 12_345]) {
      const parts = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i : i % 3 === 1 ? `<c r="A${i}">` : 'õ&amp;'));
      expect(joinInSlices(parts), String(n)).toBe(parts.join(''));
    }
  });

  it("replaces XmlStream's getter, and a sheet-sized stream reads as ExcelJS's getter reads it (close every node, join the list)", () => {
    type Stream = { openXml(a: object): void; openNode(n: string, a?: object): void; writeText(t: string): void; closeNode(): void; closeAll(): void; _xml: unknown[]; xml: string };
    const XmlStream = xmlStreamClass() as unknown as { prototype: object; new (): Stream };
    // Other test files of this worker may have made a workbook, and so replaced it already.
    joinXmlInSlices();
    expect(String(Object.getOwnPropertyDescriptor(XmlStream.prototype, 'xml')!.get)).toContain('joinInSlices');
    const make = () => {
      const xml = new XmlStream();
      xml.openXml({ version: '1.0' });
      xml.openNode('sheetData');
      for (let r = 1; r <= 3000; r++) {
        xml.openNode('row', { r });
        xml.openNode('c', { r: `A${r}`, t: 's' });
        xml.writeText(`Tallinn & Rīga ${r}`);
        xml.closeNode();
        xml.closeNode();
      }
      return xml;
    };
    const text = make().xml;
    expect(text.length).toBeGreaterThan(100_000);
    const own = make();
    own.closeAll();
    expect(text).toBe(own._xml.join(''));
  });
});
