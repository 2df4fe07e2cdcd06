// The edtf package ships no types; we use only these two entry points.
declare module 'edtf' {
  export function parse(text: string, constraints?: { level?: number }): { type: string; level: number };
  export default function edtf(text: string): { min: number; max: number; edtf: string };
}
