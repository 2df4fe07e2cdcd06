/**
 * Each line's words drawn as runs, not one by one. pdfmake lays text out as inlines of one word
 * and its space, and its Renderer drew every inline as a text object of its own: the opacity, the
 * colour, a saved graphics state, a transform, the font and the position, for every word (eleven
 * operators where one word needs one string). That was most of the drawing time of a large PDF
 * and most of its content. Here the inlines of a line that follow one another without a gap in
 * the same font, size, colour and opacity are drawn as one run; pdfkit places each word of a run
 * by the same widths pdfmake measured (it shapes text word by word, at the spaces, as pdfmake's
 * inlines are cut), so every glyph stays where it was.
 *
 * An inline with anything of its own is drawn alone, as before: a link, a page reference, a
 * destination, font features, superscript or subscript, a background or a decoration (pdfmake
 * draws those from the inlines' positions, which are left as they were). Justified lines, whose
 * inlines have gaps, are drawn word by word. Like render.ts's hooks, this reaches into pdfmake's
 * internals; tests/pdf-text-runs.test.ts checks the text and its positions against pdfmake's own.
 */
import { pdfmakeRequire } from './requires.js';

interface Inline {
  text: string;
  x: number;
  width: number;
  font: object;
  fontSize: number;
  color?: unknown;
  opacity?: unknown;
  characterSpacing?: number;
  [key: string]: unknown;
}
interface Line {
  inlines: Inline[];
}
interface Renderer {
  renderLine(line: Line, x: number, y: number): void;
}

/** What an inline may carry that makes it be drawn alone. */
const OWN = ['link', 'linkToPage', 'linkToDestination', '_pageNodeRef', 'fontFeatures', 'sup', 'sub', 'background', 'decoration'] as const;
/** How far apart, in points, two inlines may be and still follow one another (their positions are sums of the same widths). */
const TOUCHING = 1e-6;

const alone = (inline: Inline) => OWN.some((key) => inline[key] !== undefined && inline[key] !== null && inline[key] !== false);

/** Whether `next` continues the run that began with `first` and so far ends with `last`. */
function continues(first: Inline, last: Inline, next: Inline): boolean {
  return (
    !alone(first) &&
    !alone(next) &&
    next.font === first.font &&
    next.fontSize === first.fontSize &&
    next.color === first.color &&
    next.opacity === first.opacity &&
    (next.characterSpacing ?? 0) === (first.characterSpacing ?? 0) &&
    Math.abs(next.x - (last.x + last.width)) < TOUCHING
  );
}

/** The inlines of a line as runs (new objects; pdfmake's inlines are left as they are), or the same array when no two join. */
export function textRuns(inlines: Inline[]): Inline[] {
  const groups: Inline[][] = [];
  for (const inline of inlines) {
    const group = groups.at(-1);
    if (group && continues(group[0]!, group.at(-1)!, inline)) group.push(inline);
    else groups.push([inline]);
  }
  if (groups.length === inlines.length) return inlines;
  return groups.map((group) => (group.length === 1 ? group[0]! : { ...group[0]!, text: group.map((i) => i.text).join(''), width: group.reduce((sum, i) => sum + i.width, 0) }));
}

let wordByWord: Renderer['renderLine'] | undefined;

/** Draws text in runs (`on`), or puts pdfmake's word-by-word drawing back (`off`, for the test). */
export function textRunsDrawing(on: boolean): void {
  // Loaded here, not with the module: pdfmake's Renderer brings its text and SVG modules with it.
  const renderer = (pdfmakeRequire('pdfmake/js/Renderer.js') as { default: { prototype: Renderer } }).default.prototype;
  wordByWord ??= renderer.renderLine;
  if (!on) {
    renderer.renderLine = wordByWord;
    return;
  }
  const renderLine = wordByWord;
  renderer.renderLine = function (this: Renderer, line: Line, x: number, y: number) {
    const inlines = line.inlines;
    const runs = textRuns(inlines);
    if (runs === inlines) return renderLine.call(this, line, x, y);
    // Drawn from the runs; the line keeps its inlines for whatever reads it afterwards.
    line.inlines = runs;
    try {
      renderLine.call(this, line, x, y);
    } finally {
      line.inlines = inlines;
    }
  };
}
