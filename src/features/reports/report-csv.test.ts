import { describe, expect, it } from 'vitest';
import { formatCsv, nameCsvFile } from './report-csv.ts';

describe('formatCsv', () => {
  it('starts with a byte-order mark and ends every line with CRLF', () => {
    const csv = formatCsv({ headers: ['a', 'b'], rows: [[1, 2]] });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('a,b\r\n1,2\r\n');
  });

  it('keeps Hindi as it is, and the BOM encodes as EF BB BF', () => {
    const csv = formatCsv({ headers: ['श्रेणी', 'संख्या'], rows: [['शारीरिक हिंसा', 7]] });
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(csv.slice(1));
    expect(csv).toContain('शारीरिक हिंसा,7\r\n');
  });

  it('quotes a field with a comma, quote, line break or edge space, doubling quotes', () => {
    const csv = formatCsv({
      headers: ['x'],
      rows: [['Agra, UP'], ['say "no"'], ['two\nlines'], [' padded'], ['plain']],
    });
    expect(csv.slice(1).split('\r\n')).toEqual([
      'x',
      '"Agra, UP"',
      '"say ""no"""',
      '"two\nlines"',
      '" padded"',
      'plain',
      '',
    ]);
  });

  it('writes an empty cell for a value that does not exist', () => {
    expect(formatCsv({ headers: ['a', 'b'], rows: [['x', null]] }).slice(1)).toBe('a,b\r\nx,\r\n');
  });
});

describe('nameCsvFile', () => {
  it('keeps only letters, digits and dashes in each part', () => {
    expect(nameCsvFile(['sakhi', 'state', '2020-01', '2020-12', 'age group'])).toBe(
      'sakhi_state_2020-01_2020-12_age-group.csv',
    );
  });
});
