import { CsvError, csvRecords, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads plain fields, LF and CRLF line ends, and skips empty lines', () => {
    expect(parseCsv('a,b,c\n1,2,3\r\n\n4,,6\n\r\n7,8,9').rows).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines', () => {
    const { rows, lines } = parseCsv(
      'id,name\n"g-1","核心交换机, ""A"" 区"\n"g-2","two\nlines"\ng-3,""\n',
    );
    expect(rows).toEqual([
      ['id', 'name'],
      ['g-1', '核心交换机, "A" 区'],
      ['g-2', 'two\nlines'],
      ['g-3', ''],
    ]);
    expect(lines).toEqual([1, 2, 3, 5]);
  });

  it('drops a byte-order mark and keeps a trailing empty field', () => {
    expect(parseCsv('\ufeffid,tags\nx,\n').rows).toEqual([
      ['id', 'tags'],
      ['x', ''],
    ]);
  });

  it('refuses malformed quoting with the file and line', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'deps.csv')).toThrow(
      new CsvError('deps.csv: the quoted field opened on line 2 never closes'),
    );
    expect(() => parseCsv('a,b\n1,"x"y\n', 'f.csv')).toThrow(
      'f.csv: line 2 has text after a closing quote',
    );
    expect(() => parseCsv('a,b\n1,x"y\n', 'f.csv')).toThrow(
      'f.csv: line 2 has a quote inside an unquoted field',
    );
  });
});

describe('csvRecords', () => {
  it('maps each row onto the header', () => {
    expect(csvRecords('fromId,toId\ng-a,g-b\ng-c,g-d')).toEqual([
      { fromId: 'g-a', toId: 'g-b' },
      { fromId: 'g-c', toId: 'g-d' },
    ]);
    expect(csvRecords('')).toEqual([]);
  });

  it('refuses a row whose width differs from the header, naming its line', () => {
    expect(() => csvRecords('a,b\n1,2\n\n3,4,5\n', 'x.csv')).toThrow(
      'x.csv: line 4 has 3 fields, the header has 2',
    );
  });

  it('reports a bad file as bad user input, which the CLI prints with its code', () => {
    let error: unknown;
    try {
      csvRecords('a\n"x', 'f.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
