/**
 * The record as one XLSX workbook for spreadsheet users: a first sheet that says what it is and
 * how to cite it, a codebook sheet, then one sheet per published table with typed cells (dates
 * as dates, numbers as numbers), a frozen header row and filters.
 *
 * ExcelJS writes the workbook; its zip is then restamped with the build date, and its document
 * properties carry the same date, so that the same record gives the same bytes.
 */
import type ExcelJS from 'exceljs';
import type { DatasetMeta } from '../dataset.js';
import { formatNumber } from '../util/format.js';
import { offThread } from '../util/off-thread.js';
import type { OutRow, OutTable, OutType, OutValue } from './write-table.js';
import { restampZipIn } from './kept-members.js';
import { restampZip } from './zip.js';
import { joinXmlInSlices } from './xml-join.js';

export const WORKBOOK_FILE = 'occupation-chronicle.xlsx';

/**
 * Excel's limits: 1,048,576 rows to a sheet, its header among them, and 32,767 characters to a
 * cell. A workbook past either is one Excel offers to repair, dropping what does not fit. The
 * shipped record is far inside both; a register is not (a quantity of a few thousand claims lists
 * their ids in one cell of reconciled_figures).
 */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_CELL_CHARACTERS = 32_767;
export const CUT_MARK = ' … [cut to fit a cell: the CSV and JSON files hold it whole]';

/** A text cut to Excel's length with CUT_MARK, never between the two halves of a character. */
export function fitCell(text: string): string {
  if (text.length <= EXCEL_CELL_CHARACTERS) return text;
  let end = EXCEL_CELL_CHARACTERS - CUT_MARK.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + CUT_MARK;
}

/** How many sheets a table takes at `perSheet` rows each (one for an empty table). */
const sheetCount = (table: OutTable, perSheet = EXCEL_ROWS - 1) => Math.max(1, Math.ceil(table.rows.length / perSheet));

/** Excel's longest sheet name. */
const SHEET_NAME_CHARACTERS = 31;

/**
 * A table's rows as sheets of at most `perSheet` rows each: "figures", then "figures (2)", and so
 * on, each name within the 31 characters Excel allows and unlike every name in `taken` (Excel
 * refuses a workbook with two sheets of one name, compared without case: two long table names
 * that share their first 27 characters, a table named "x (2)" beside a long "x", or one named
 * "about"). The names given are added to `taken`; a clash moves the number on ("x (3)").
 */
export function sheetsOf(table: OutTable, perSheet = EXCEL_ROWS - 1, taken = new Set<string>()): { name: string; rows: OutRow[] }[] {
  const count = sheetCount(table, perSheet);
  let n = 1;
  return Array.from({ length: count }, (_, i) => {
    let name: string;
    do {
      const suffix = n === 1 ? '' : ` (${n})`;
      name = table.name.slice(0, SHEET_NAME_CHARACTERS - suffix.length) + suffix;
      n++;
    } while (taken.has(name.toLowerCase()));
    taken.add(name.toLowerCase());
    return { name, rows: count === 1 ? table.rows : table.rows.slice(i * perSheet, (i + 1) * perSheet) };
  });
}

function cellValue(value: OutValue, type: OutType): ExcelJS.CellValue {
  if (value === null) return null;
  if (Array.isArray(value)) return fitCell(value.join(';'));
  // A date cell holds the day at midnight UTC; ExcelJS counts days from the UTC epoch, so the
  // serial number is the same in every time zone.
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return typeof value === 'string' ? fitCell(value) : value;
}

function addSheet(wb: ExcelJS.Workbook, table: OutTable, name: string, rows: OutRow[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({ header: c.name, key: c.name, width: Math.min(60, Math.max(10, c.name.length + 2)), style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {} }));
  ws.getRow(1).font = { bold: true };
  // ExcelJS gives every cell a style object of its own, and works out the style of each anew as it
  // writes (it remembers styles by object): a third of the workbook's time. The cells of a column
  // that hold one type of value have the same style, so they are given one object: the same styles
  // and bytes, worked out once.
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  for (const row of rows) {
    ws.addRow(table.columns.map((c) => cellValue(row[c.name] ?? null, c.type))).eachCell({ includeEmpty: true }, (cell, column) => {
      const key = `${column} ${cell.type}`;
      const style = shared.get(key);
      if (style) cell.style = style;
      else shared.set(key, cell.style);
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

/** "figures (419 rows)"; "figures (1,400,000 rows, in 2 sheets of at most 1,048,575: Excel's limit)" */
function sheetsLine(t: OutTable): string {
  const sheets = sheetCount(t);
  return `${t.name} (${formatNumber(t.rows.length)} rows${sheets > 1 ? `, in ${sheets} sheets of at most ${formatNumber(EXCEL_ROWS - 1)}: Excel's limit` : ''})`;
}

function addAbout(wb: ExcelJS.Workbook, meta: DatasetMeta, date: Date, citation: string, tables: OutTable[]): void {
  const ws = wb.addWorksheet('About');
  ws.columns = [{ width: 24 }, { width: 110 }];
  const licence = meta.licenses[0];
  const lines: [string, string][] = [
    ['Title', meta.title],
    ['What this is', meta.description],
    ['Version', `${meta.version}, released ${date.toISOString().slice(0, 10)}`],
    ['How to cite', citation],
    ['Licence', licence ? `${licence.title} (${licence.path})` : ''],
    ...(meta.homepage ? [['Homepage', meta.homepage] as [string, string]] : []),
    ['How to read it', `Each sheet after the codebook is one table of the record${tables.some((t) => sheetCount(t) > 1) ? ' (a table longer than a sheet goes on in the next: "figures (2)" follows "figures")' : ''}. Start with reconciled_figures and reconciled_events (one row per quantity and per event, with the published value and how settled it is); events and figures hold every claim with its source, locator and verbatim quote. The codebook sheet explains every column.`],
    ['Sheets', tables.map(sheetsLine).join('; ')],
  ];
  for (const [k, v] of lines) ws.addRow([k, v]);
  ws.getColumn(1).font = { bold: true };
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

function addCodebook(wb: ExcelJS.Workbook, tables: OutTable[]): void {
  const ws = wb.addWorksheet('Codebook', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'table', key: 'table', width: 22 },
    { header: 'column', key: 'column', width: 24 },
    { header: 'type', key: 'type', width: 10 },
    { header: 'title', key: 'title', width: 30 },
    { header: 'description', key: 'description', width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const t of tables) for (const c of t.columns) ws.addRow([t.name, c.name, c.type, c.title, c.description]);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
}

/** The workbook's bytes; its deflated entries are kept in the folder `members` when one is given (emit/kept-members.ts). */
export async function workbookBytes(meta: DatasetMeta, date: Date, citation: string, tables: OutTable[], members?: string): Promise<Uint8Array> {
  // Loaded here, not with the module: a build whose workbook is made on the worker thread never loads ExcelJS on the main one.
  const { default: Excel } = await import('exceljs');
  joinXmlInSlices();
  const wb = new Excel.Workbook();
  wb.creator = meta.contributors.map((c) => c.title).join(', ');
  wb.lastModifiedBy = wb.creator;
  wb.title = meta.title;
  wb.created = date;
  wb.modified = date;
  addAbout(wb, meta, date, citation, tables);
  addCodebook(wb, tables);
  // The names the first two sheets took, so that no table's sheet takes one again.
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  for (const t of tables) for (const sheet of sheetsOf(t, undefined, taken)) addSheet(wb, t, sheet.name, sheet.rows);
  // Stored, not deflated: restampZip deflates every entry anyway, and deflating twice cost a tenth of the workbook.
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions));
  return members ? restampZipIn(members, bytes, date) : restampZip(bytes, date);
}

/** Loads ExcelJS, so that the workbook's turn finds it loaded. */
export async function loadExcel(): Promise<void> {
  await import('exceljs');
}

/**
 * Sources of at least this many bytes make a workbook that takes longer than a worker thread
 * costs to start (about 0.4 s of CPU, most of it ExcelJS loading there); a smaller one is made on
 * the main thread. Decided on the sources' size, before they are read, so that the thread can
 * start and load while the sources are checked.
 */
export const OFF_THREAD_SOURCE_BYTES = 200_000;

/** Starts the worker thread (util/off-thread.ts) and loads ExcelJS there. */
export const warmWorkbookThread = (): Promise<void> => offThread(import.meta.url, 'loadExcel', []);

/** The same bytes as workbookBytes, made on the worker thread while the build goes on. */
export const workbookBytesOffThread = (...args: Parameters<typeof workbookBytes>): Promise<Uint8Array> => offThread(import.meta.url, 'workbookBytes', args);
