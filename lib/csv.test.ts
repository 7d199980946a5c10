import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvField, exportFileName, parseCsv, tableToCsv, toCsv } from './csv';

describe('csvField', () => {
  test('numbers at full precision, as JSON writes them', () => {
    expect(csvField(5.841155052185059)).toBe('5.841155052185059');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(113)).toBe('113');
    expect(csvField(1e21)).toBe('1e+21');
    expect(csvField(-0)).toBe('0');
  });
  test('null, undefined and non-finite numbers are empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });
  test('RFC 4180 quoting: commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('')).toBe('');
    expect(csvField(true)).toBe('true');
  });
  test('text that a spreadsheet would run as a formula is kept as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-x', { escapeFormulas: false })).toBe('-x');
    // Numbers are numbers: a negative value is written as is.
    expect(csvField(-1.5)).toBe('-1.5');
  });
});

describe('toCsv', () => {
  test('a header row, CRLF after every record', () => {
    expect(
      toCsv(
        ['action', 'min'],
        [
          ['nova.boot_server', 4.298377990722656],
          ['total', null],
        ],
      ),
    ).toBe('action,min\r\nnova.boot_server,4.298377990722656\r\ntotal,\r\n');
  });
  test('from objects and columns', () => {
    const rows = [{ name: 'a, b', n: 1 }];
    expect(
      tableToCsv(
        [
          { header: 'name', value: (r: (typeof rows)[number]) => r.name },
          { header: 'n', value: (r: (typeof rows)[number]) => r.n },
        ],
        rows,
      ),
    ).toBe('name,n\r\n"a, b",1\r\n');
  });
});

describe('parseCsv', () => {
  test('reads quoted fields, doubled quotes and both line ends', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,,"x\ny"\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '', 'x\ny'],
    ]);
  });
  test('round-trips any table of text (the export reads back as written)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const width = rows[0]!.length;
          const table = rows.map((r) =>
            r.slice(0, width).concat(Array(width).fill('')).slice(0, width),
          );
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const csv = toCsv(header, table, { escapeFormulas: false });
          expect(parseCsv(csv)).toEqual([header, ...table]);
        },
      ),
    );
  });
  test('numbers read back to the same doubles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        (xs) => {
          const csv = toCsv(
            ['x'],
            xs.map((x) => [x]),
          );
          const back = parseCsv(csv)
            .slice(1)
            .map((r) => Number(r[0]));
          expect(back).toEqual(xs.map((x) => (Object.is(x, -0) ? 0 : x)));
        },
      ),
    );
  });
});

describe('exportFileName', () => {
  test('keeps safe characters only', () => {
    expect(
      exportFileName(['run_01J', 'NovaServers.boot_and_delete_server', 'durations'], 'csv'),
    ).toBe('run_01J_NovaServers.boot_and_delete_server_durations.csv');
    expect(exportFileName(['a b/c', null, ''], 'png')).toBe('a-b-c.png');
    expect(exportFileName([], 'json')).toBe('edgeperf.json');
  });
});
