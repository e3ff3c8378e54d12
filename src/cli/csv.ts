import { BadUserInputError } from '../errors.js';

/** A CSV file that does not parse (BAD_USER_INPUT): the message names the file and the line. */
export class CsvError extends BadUserInputError {}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Parses RFC 4180 CSV text into rows of fields: fields in double quotes may hold commas, line
 * breaks and doubled quotes; lines end in LF or CRLF; a leading byte-order mark is dropped and
 * empty lines are skipped. `lines[i]` is the line on which row i starts, for error messages.
 */
export function parseCsv(text: string, file = 'CSV'): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) {
      i += c === CR ? 2 : 1; // an empty line
      line += 1;
      continue;
    }
    const row: string[] = [];
    const start = line;
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted: runs up to a quote that is not doubled.
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0)
            throw new CsvError(`${file}: the quoted field opened on line ${line} never closes`);
          for (let k = text.indexOf('\n', from); k >= 0 && k < q; k = text.indexOf('\n', k + 1))
            line += 1;
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        field = value;
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== LF && next !== CR)
          throw new CsvError(`${file}: line ${line} has text after a closing quote`);
      } else {
        let j = i;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          if (d === QUOTE)
            throw new CsvError(`${file}: line ${line} has a quote inside an unquoted field`);
        }
        field = text.slice(i, j);
        i = j;
      }
      row.push(field);
      const d = text.charCodeAt(i);
      if (d === COMMA) {
        i += 1;
        continue;
      }
      if (d === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else if (d === LF) i += 1;
      else if (i < n)
        throw new CsvError(`${file}: line ${line} has a carriage return inside a field`);
      line += 1;
      break;
    }
    rows.push(row);
    lines.push(start);
  }
  return { rows, lines };
}

/** CSV text with a header row as records (column → text); every row must have the header's width. */
export function csvRecords(text: string, file = 'CSV'): Record<string, string>[] {
  const { rows, lines } = parseCsv(text, file);
  const header = rows[0];
  if (!header) return [];
  const records: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== header.length)
      throw new CsvError(
        `${file}: line ${lines[r]} has ${row.length} fields, the header has ${header.length}`,
      );
    const record: Record<string, string> = {};
    for (let k = 0; k < header.length; k++) record[header[k]!] = row[k]!;
    records.push(record);
  }
  return records;
}
