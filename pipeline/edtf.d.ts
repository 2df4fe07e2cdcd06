// The edtf package ships no types; we use only these two entry points.
declare module 'edtf' {
  /** What the grammar made of a text: edtf() turns it into a date or interval without parsing again. */
  export interface Parsed {
    type: string;
    level: number;
  }
  export function parse(text: string, constraints?: { level?: number }): Parsed;
  export default function edtf(input: string | Parsed): { min: number; max: number; edtf: string };
}
