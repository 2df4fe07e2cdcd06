/**
 * A structure tree for the PDFs pdfmake writes, so that a screen reader reads them in order with
 * their headings. pdfmake 0.3 passes `tagged: true` to pdfkit, which then writes the MarkInfo and
 * an empty structure tree root, but pdfmake's Renderer marks no content. Here its Renderer is
 * wrapped: each text node (a paragraph, a heading, a table cell) becomes one structure element,
 * H1-H3 from the styles `h1`-`h3` (and `title`), P otherwise; its lines are marked content of
 * that element, across pages; an SVG node becomes a Figure with its `alt` text; rules, table
 * lines and any node with `artifact: true` (running headers and footers) are artifacts.
 * pdfmake knows no tables, lists or links as structure: cells and list items read as paragraphs,
 * in the order pdfmake lays them out (row by row). These are pdfmake's internals, like
 * render.ts's: tests/report.test.ts reads the tree back and fails if they change.
 */
import { pdfmakeRequire } from './requires.js';

type Node = Record<string, unknown>;
interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
}
interface Pdfkit {
  options: { tagged?: boolean };
  struct(type: string, options?: Node): StructElement;
  addStructure(e: StructElement): Pdfkit;
  markStructureContent(tag: string, options?: Node): unknown;
  markContent(tag: string, options?: Node): Pdfkit;
  endMarkedContent(): Pdfkit;
}
interface Line {
  node?: Node;
}
interface Renderer {
  pdfDocument: Pdfkit;
  renderPages(pages: unknown[]): void;
  renderLine(line: Line, x: number, y: number): void;
  renderVector(vector: unknown): void;
  renderSVG(svg: Node): void;
  tagging?: Tagging;
}

/** The structure type of a text node, from its style. */
// The chronology's sections are its periods and years.
const HEADINGS: Record<string, string> = { title: 'H1', h1: 'H1', h2: 'H2', h3: 'H3', period: 'H2', year: 'H3' };
const typeOf = (node: Node | undefined) => HEADINGS[String(node?.style ?? '')] ?? 'P';

/** What is open while a document is rendered: the Document element and the element of the node being written. */
class Tagging {
  private readonly root: StructElement;
  private current: { node: Node | undefined; element: StructElement; marked: boolean } | undefined;

  constructor(private readonly doc: Pdfkit) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** Lines of one node are one element; a new node closes the last one. */
  text(node: Node | undefined): void {
    if (this.current?.node !== node || node === undefined) {
      this.close();
      const type = typeOf(node);
      this.current = { node, element: this.doc.struct(type), marked: false };
      this.root.add(this.current.element);
    }
    if (!this.current!.marked) {
      this.current!.element.add(this.doc.markStructureContent(typeOf(node)));
      this.current!.marked = true;
    }
  }

  /** Drawing that is not content (rules, table lines, running heads) ends the open marked content first. */
  artifact(draw: () => void): void {
    this.unmark();
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  figure(alt: string, draw: () => void): void {
    this.close();
    const element = this.doc.struct('Figure', { alt });
    this.root.add(element);
    element.add(this.doc.markStructureContent('Figure'));
    draw();
    this.doc.endMarkedContent();
    element.end();
  }

  private unmark(): void {
    if (this.current?.marked) {
      this.doc.endMarkedContent();
      this.current.marked = false;
    }
  }

  close(): void {
    this.unmark();
    this.current?.element.end();
    this.current = undefined;
  }

  end(): void {
    this.close();
    this.root.end();
  }
}

let installed = false;

export function installTagging(): void {
  if (installed) return;
  installed = true;
  const builder = (pdfmakeRequire('pdfmake/js/LayoutBuilder.js') as { default: { prototype: { buildNextLine(node: Node): Line | null } } }).default.prototype;
  const renderer = (pdfmakeRequire('pdfmake/js/Renderer.js') as { default: { prototype: Renderer } }).default.prototype;

  // Each line remembers the node it was laid out from.
  const buildNextLine = builder.buildNextLine;
  builder.buildNextLine = function (this: unknown, node: Node) {
    const line = buildNextLine.call(this, node);
    if (line) line.node = node;
    return line;
  };

  const { renderPages, renderLine, renderVector, renderSVG } = renderer;
  renderer.renderPages = function (this: Renderer, pages: unknown[]) {
    if (!this.pdfDocument.options.tagged) return renderPages.call(this, pages);
    this.tagging = new Tagging(this.pdfDocument);
    renderPages.call(this, pages);
    this.tagging.end();
    this.tagging = undefined;
  };
  renderer.renderLine = function (this: Renderer, line: Line, x: number, y: number) {
    const draw = () => renderLine.call(this, line, x, y);
    if (!this.tagging) return draw();
    if (line.node?.artifact === true) return this.tagging.artifact(draw);
    this.tagging.text(line.node);
    draw();
  };
  renderer.renderVector = function (this: Renderer, vector: unknown) {
    const draw = () => renderVector.call(this, vector);
    if (!this.tagging) return draw();
    this.tagging.artifact(draw);
  };
  renderer.renderSVG = function (this: Renderer, svg: Node) {
    const draw = () => renderSVG.call(this, svg);
    if (!this.tagging) return draw();
    if (typeof svg.alt === 'string' && svg.alt) this.tagging.figure(svg.alt, draw);
    else this.tagging.artifact(draw);
  };
}
