/**
 * One ajv instance (JSON Schema 2020-12) for all tables; each table's schema is compiled once.
 * `primaryKey` and `foreignKey` are our annotations, checked across tables by references.ts;
 * `years` (the years a date column holds) is checked with the dates by dates.ts, and
 * `ownWords` (columns that may not copy the quote) by own-words.ts;
 * EDTF dates are checked by dates.ts, which says more than a format failure could.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

const addFormats = formats.default;

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: false });
  addFormats(ajv, ['date', 'uri']);
  ajv.addFormat('edtf', true);
  ajv.addKeyword({ keyword: 'primaryKey', schemaType: 'array' });
  ajv.addKeyword({ keyword: 'foreignKey', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'years', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'ownWords', schemaType: 'array' });
  return ajv;
}
