// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { readCsv } from './csv';
import { CsvContentError, detectSummaryCsv, parseSummaryCsv } from './summary';

const seed = new Uint8Array(
  fs.readFileSync(path.resolve(__dirname, '../../fixtures/csv/seed-table2.csv')),
);

function csvError(text: string): { at: string | null; message: string } {
  try {
    parseSummaryCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvContentError);
    return { at: (e as CsvContentError).at, message: (e as Error).message };
  }
  throw new Error('no error');
}

test('the seed talk table: four runs with their stated factors', () => {
  const { value, warnings } = parseSummaryCsv(seed, { fileName: 'seed-table2.csv' });
  expect(warnings).toEqual([]);
  expect(value.factorColumns).toEqual(['backend', 'backend_nodes', 'replication', 'sites']);
  expect(
    value.runs.map((r) => [
      r.name,
      r.metrics[0]?.value,
      r.metrics[0]?.unit,
      r.factors.backend?.value,
    ]),
  ).toEqual([
    ['redis-1-node', 322, 's', 'redis'],
    ['redis-4-nodes', 327, 's', 'redis'],
    ['redis-4-nodes-replication', 413, 's', 'redis'],
    ['mysql-1-node', 298, 's', 'mysql'],
  ]);
  const repl = value.runs[2]!;
  expect(repl.factors).toEqual({
    backend: { value: 'redis', source: 'seed-table2.csv:backend' },
    backend_nodes: { value: 4, source: 'seed-table2.csv:backend_nodes' },
    sites: { value: 1, source: 'seed-table2.csv:sites' },
  });
  expect(repl.factors.replication).toBeUndefined(); // not stated by the talk
  expect(value.runs[0]!.factors.replication).toEqual({
    value: 1,
    source: 'seed-table2.csv:replication',
  });
  expect(value.runs[3]!.lines).toEqual([5]);
  expect(detectSummaryCsv(seed)).toBe(true);
});

test('rows with the same run form one run; quoted fields, CRLF and BOM', () => {
  const text =
    '\uFEFFrun,metric,value,unit,backend,placement,tags\r\n' +
    '"8 sites, mysql",vm_creation_total,1210.5,s,MySQL,"{""nova-conductor"":""grp1""}","a,b"\r\n' +
    '"8 sites, mysql",vm_share_grp1,26,%,,,\r\n' +
    '\r\n' +
    'other,"multi\nline",3,count,redis,,\r\n';
  const { value } = parseSummaryCsv(text, { fileName: 't.csv' });
  expect(value.runs).toHaveLength(2);
  const [a, b] = value.runs;
  expect(a!.name).toBe('8 sites, mysql');
  expect(a!.lines).toEqual([2, 3]);
  expect(a!.metrics).toEqual([
    { name: 'vm_creation_total', value: 1210.5, unit: 's' },
    { name: 'vm_share_grp1', value: 26, unit: '%' },
  ]);
  expect(a!.factors).toEqual({
    backend: { value: 'mysql', source: 't.csv:backend' },
    placement: { value: { 'nova-conductor': 'grp1' }, source: 't.csv:placement' },
    tags: { value: ['a', 'b'], source: 't.csv:tags' },
  });
  expect(b!.metrics[0]!.name).toBe('multi\nline');
  expect(b!.lines).toEqual([5]);
});

test('errors give the line and column', () => {
  expect(csvError('run,metric,value\nx,y,1\n')).toEqual({
    at: 'line 1',
    message: 'missing column unit (required: run, metric, value, unit)',
  });
  expect(csvError('run,metric,value,unit\nx,t,12 s,s\n')).toEqual({
    at: 'line 2, column 5',
    message: 'value "12 s" is not a number',
  });
  expect(csvError('run,metric,value,unit\nx,t,1\n').at).toBe('line 2, column 5');
  expect(csvError('run,metric,value,unit\nx,t,1,s,extra\n')).toMatchObject({
    at: 'line 2, column 9',
  });
  expect(csvError('run,metric,value,unit\n"x,t,1,s\n')).toEqual({
    at: 'line 2, column 1',
    message: 'unterminated quoted field',
  });
  expect(csvError('run,metric,value,unit\n"x"y,t,1,s\n').at).toBe('line 2, column 4');
  expect(csvError('run,metric,value,unit\nx,t,1,s\nx,t,2,s\n')).toEqual({
    at: 'line 3, column 3',
    message: 'metric t of run x is already given on line 2',
  });
  expect(csvError('run,metric,value,unit,sites\nx,a,1,s,4\nx,b,1,s,5\n')).toEqual({
    at: 'line 3, column 9',
    message: 'run x has sites 4 on line 2 but 5 here',
  });
  expect(csvError('run,metric,value,unit,sites\nx,a,1,s,four\n')).toMatchObject({
    at: 'line 2, column 9',
  });
  expect(csvError('run,metric,value,unit,placement\nx,a,1,s,{oops\n')).toMatchObject({
    at: 'line 2, column 9',
  });
  expect(csvError('run,metric,value,unit\n,a,1,s\n')).toEqual({
    at: 'line 2, column 1',
    message: 'empty run name',
  });
  expect(csvError('')).toMatchObject({ at: 'line 1' });
  expect(csvError('run,run,metric,value,unit\n').at).toBe('line 1, column 5');
});

test('unknown columns are ignored with a warning; unknown factor cells are unknown', () => {
  const { value, warnings } = parseSummaryCsv(
    'run,metric,value,unit,comment,backend\nx,t,1,s,hello,unknown\n',
  );
  expect(warnings).toEqual([
    {
      message: 'column comment is neither required nor a factor: ignored',
      at: 'line 1, column 23',
    },
  ]);
  expect(value.runs[0]!.factors).toEqual({});
});

test('CSV records round-trip for any fields (property)', () => {
  const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
  fc.assert(
    fc.property(
      fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('\n', '\r\n'),
      (rows, eol) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const records = readCsv(text);
        expect(records.map((r) => r.fields.map((f) => f.text))).toEqual(rows);
      },
    ),
  );
});
