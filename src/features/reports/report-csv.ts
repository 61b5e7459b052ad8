/**
 * A report table as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads
 * the file as the system's code page and Hindi turns to garbage), CRLF line ends, and a
 * field quoted whenever it holds a comma, quote, line break or edge space (RFC 4180).
 */
import type { ReportTable } from './report-tables.ts';

const byteOrderMark = '\uFEFF';

export function formatCsv(table: Pick<ReportTable, 'headers' | 'rows'>): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(quoteField).join(','));
  return `${byteOrderMark}${lines.join('\r\n')}\r\n`;
}

function quoteField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The file name: letters, digits and dashes only, so every system keeps it as given. */
export function nameCsvFile(parts: readonly string[]): string {
  return `${parts
    .map((part) => part.replace(/[^A-Za-z0-9-]+/gu, '-'))
    .filter((part) => part.length > 0)
    .join('_')}.csv`;
}

/** Hands the CSV to the browser as a download; the Blob keeps the BOM as bytes EF BB BF. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
