import { describe, expect, test } from 'vitest';
import { IngestError, JsonSyntaxError } from './errors';
import {
  type JsonSplitOptions,
  type PathSegment,
  compilePattern,
  formatPath,
  matchPath,
  parseJsonText,
  splitJson,
} from './jsonStream';
import { bytesSource } from './source';

const enc = new TextEncoder();

interface Collected {
  items: Map<string, unknown[]>;
  batches: { path: string; firstIndex: number; n: number }[];
  values: { path: string; value: unknown }[];
  ends: { path: string; count: number }[];
  keys: string[];
  root: unknown;
  log: string[];
}

async function run(
  input: string | Uint8Array,
  options: JsonSplitOptions,
  chunkSize = 1 << 20,
): Promise<Collected> {
  const bytes = typeof input === 'string' ? enc.encode(input) : input;
  const out: Collected = {
    items: new Map(),
    batches: [],
    values: [],
    ends: [],
    keys: [],
    root: undefined,
    log: [],
  };
  const { root } = await splitJson(
    bytesSource(bytes, chunkSize),
    {
      items(path, items, firstIndex) {
        const p = formatPath(path);
        const list = out.items.get(p) ?? [];
        expect(firstIndex).toBe(list.length);
        list.push(...items);
        out.items.set(p, list);
        out.batches.push({ path: p, firstIndex, n: items.length });
        out.log.push(`items ${p} ${firstIndex}+${items.length}`);
      },
      arrayEnd(path, count) {
        out.ends.push({ path: formatPath(path), count });
        out.log.push(`end ${formatPath(path)} ${count}`);
      },
      value(path, value) {
        out.values.push({ path: formatPath(path), value });
        out.log.push(`value ${formatPath(path)}`);
      },
      key(path, key) {
        out.keys.push(`${formatPath(path)}:${key}`);
      },
    },
    options,
  );
  out.root = root;
  return out;
}

async function syntaxError(
  input: string | Uint8Array,
  options: JsonSplitOptions = {},
  chunkSize = 1 << 20,
) {
  try {
    await run(input, options, chunkSize);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('paths and patterns', () => {
  test('formatPath', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath([0, 'result', 3, 'duration'])).toBe('$[0].result[3].duration');
    expect(formatPath(['tasks', 0, 'odd key', 'x-y'])).toBe('$.tasks[0]["odd key"]["x-y"]');
  });

  test('compilePattern and matchPath', () => {
    const p = compilePattern('.tasks[*].subtasks[*].workloads[*].data');
    expect(matchPath(p, ['tasks', 0, 'subtasks', 2, 'workloads', 1, 'data'])).toBe(true);
    expect(matchPath(p, ['tasks', 0, 'subtasks', 2, 'workloads', 1])).toBe(false);
    expect(matchPath(p, ['tasks', 'x', 'subtasks', 2, 'workloads', 1, 'data'])).toBe(false);
    expect(matchPath(compilePattern('$[*].result'), [3, 'result'])).toBe(true);
    expect(matchPath(compilePattern('$'), [])).toBe(true);
    expect(matchPath(compilePattern('.*[2]["a b"]'), ['x', 2, 'a b'])).toBe(true);
    expect(() => compilePattern('tasks')).toThrow(/invalid JSON path pattern/);
    expect(() => compilePattern('.a[x]')).toThrow(/invalid JSON path pattern/);
  });
});

describe('splitting', () => {
  const doc = JSON.stringify(
    {
      info: { v: '1.2', s: 'é ☃ 𝄞' },
      tasks: [
        {
          uuid: 't0',
          workloads: [
            {
              name: 'a',
              data: [{ i: 0, s: 'x]}"\\' }, { i: 1 }, { i: 2, nested: [[1, { x: [] }]] }],
              after: 1,
            },
            { name: 'b', data: [], after: 2 },
            { name: 'c', data: [1, 'two', null, true, -3.5e-2, { ünï: '€' }] },
          ],
        },
      ],
    },
    null,
    2,
  );
  const options: JsonSplitOptions = {
    arrays: ['.tasks[*].workloads[*].data'],
    emit: ['.info', '.tasks[*].workloads[*]', '.tasks[*]'],
    batchSize: 2,
  };

  test('delivers elements in batches, emits closed containers, detaches them from the skeleton', async () => {
    const out = await run(doc, options);
    const original = JSON.parse(doc);
    expect(out.items.get('$.tasks[0].workloads[0].data')).toEqual(
      original.tasks[0].workloads[0].data,
    );
    expect(out.items.get('$.tasks[0].workloads[2].data')).toEqual(
      original.tasks[0].workloads[2].data,
    );
    expect(out.items.has('$.tasks[0].workloads[1].data')).toBe(false);
    expect(
      out.batches.filter((b) => b.path === '$.tasks[0].workloads[0].data').map((b) => b.n),
    ).toEqual([2, 1]);
    expect(out.ends).toEqual([
      { path: '$.tasks[0].workloads[0].data', count: 3 },
      { path: '$.tasks[0].workloads[1].data', count: 0 },
      { path: '$.tasks[0].workloads[2].data', count: 6 },
    ]);
    expect(out.values.map((v) => v.path)).toEqual([
      '$.info',
      '$.tasks[0].workloads[0]',
      '$.tasks[0].workloads[1]',
      '$.tasks[0].workloads[2]',
      '$.tasks[0]',
    ]);
    expect(out.values[0]?.value).toEqual(original.info);
    expect(out.values[1]?.value).toEqual({ name: 'a', data: [], after: 1 });
    expect(out.values[4]?.value).toEqual({ uuid: 't0', workloads: [null, null, null] });
    expect(out.root).toEqual({ info: null, tasks: [null] });
    // Order: a workload's items and arrayEnd come before its value.
    expect(out.log.indexOf('end $.tasks[0].workloads[0].data 3')).toBeLessThan(
      out.log.indexOf('value $.tasks[0].workloads[0]'),
    );
    expect(out.keys).toContain('$.tasks[0].workloads[0]:after');
  });

  test('identical results for every chunk size (multi-byte UTF-8 split across chunks)', async () => {
    const reference = await run(doc, options);
    for (const size of [1, 2, 3, 5, 7, 64, 4096, 1 << 20]) {
      const out = await run(doc, options, size);
      expect(out.items).toEqual(reference.items);
      expect(out.values).toEqual(reference.values);
      expect(out.ends).toEqual(reference.ends);
      expect(out.root).toEqual(reference.root);
    }
  });

  test('without patterns the root skeleton is the whole document', async () => {
    const out = await run(doc, {});
    expect(out.root).toEqual(JSON.parse(doc));
    for (const scalar of ['0', ' -1.5e3 ', '"x"', 'true', 'null', '[]', '{}']) {
      expect((await run(scalar, {}, 1)).root).toEqual(JSON.parse(scalar));
    }
  });

  test('a root array can be the big array', async () => {
    const out = await run('[1,2,3,4,5]', { arrays: ['$'], batchSize: 2 }, 1);
    expect(out.items.get('$')).toEqual([1, 2, 3, 4, 5]);
    expect(out.root).toEqual([]);
  });

  test('a byte order mark is skipped', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"a":[1]}')]);
    expect((await run(bytes, { arrays: ['.a'] }, 1)).items.get('$.a')).toEqual([1]);
  });

  test('batches are also cut by size', async () => {
    const big = JSON.stringify({
      a: Array.from({ length: 50 }, (_, i) => ({ i, pad: 'x'.repeat(100) })),
    });
    const out = await run(big, { arrays: ['.a'], batchSize: 1000, maxBatchBytes: 1000 });
    expect(out.items.get('$.a')).toHaveLength(50);
    expect(out.batches.length).toBeGreaterThan(5);
  });

  test('awaits the handler (backpressure) and keeps the order', async () => {
    const seen: string[] = [];
    await splitJson(
      bytesSource(enc.encode('{"a":[1,2,3],"b":{"c":1}}'), 1),
      {
        async items(_p, items) {
          await new Promise((r) => setTimeout(r, 1));
          seen.push(`items ${items.join(',')}`);
        },
        async value(path) {
          seen.push(`value ${formatPath(path)}`);
        },
      },
      { arrays: ['.a'], emit: ['.b'], batchSize: 2 },
    );
    expect(seen).toEqual(['items 1,2', 'items 3', 'value $.b']);
  });

  test('reports progress', async () => {
    const progress: number[] = [];
    await splitJson(
      bytesSource(enc.encode('[1,2,3]'), 3),
      {},
      { onProgress: (n) => progress.push(n) },
    );
    expect(progress).toEqual([3, 6, 7]);
  });
});

describe('syntax errors', () => {
  const opts: JsonSplitOptions = { arrays: ['[*].result'], emit: ['[*]'] };

  async function expectSyntax(input: string, at: string, message: RegExp, options = opts) {
    for (const size of [1, 3, 1 << 20]) {
      const e = await syntaxError(input, options, size);
      expect(e).toBeInstanceOf(JsonSyntaxError);
      expect((e as JsonSyntaxError).at).toBe(at);
      expect(e.message).toMatch(message);
    }
  }

  test('empty and whitespace-only input', async () => {
    await expectSyntax('', 'byte 0', /no JSON value/);
    await expectSyntax('  \n', 'byte 3', /no JSON value/);
  });

  test('truncated inside a big array, an object, a string', async () => {
    await expectSyntax(
      '[{"result": [{"a": 1}, {"a"',
      'byte 27',
      /end of input inside the array at \$\[0\]\.result \(in element 1/,
    );
    await expectSyntax('[{"key": {"name": "x"', 'byte 21', /end of input: 3 unclosed containers/);
    await expectSyntax('[{"key": "abc', 'byte 13', /inside a string that starts at byte 9/);
    await expectSyntax('[1, 2', 'byte 5', /end of input/);
  });

  test('structure errors in the skeleton, with the path', async () => {
    await expectSyntax(
      '[{"key": 1,}]',
      'byte 11',
      /unexpected '}', expected a string key at \$\[0\] \(byte 11\)/,
    );
    await expectSyntax('[{"key" 1}]', 'byte 8', /unexpected '1', expected ':' at \$\[0\]\.key/);
    await expectSyntax('[{"a": [1, 2}]', 'byte 12', /unexpected '}'/);
    await expectSyntax('[{"a": tru}]', 'byte 7', /invalid literal or number "tru" at \$\[0\]\.a/);
    await expectSyntax('[{"a": 01}]', 'byte 7', /invalid literal or number "01"/);
    await expectSyntax('[{"a": "x\\q"}]', 'byte 10', /invalid escape/);
    await expectSyntax('[{"a": "x\ny"}]', 'byte 9', /control character/);
    await expectSyntax('[1] x', 'byte 4', /expected the end of the input/);
    await expectSyntax('\u0000\u0001', 'byte 0', /unexpected byte 0x00/);
  });

  test('errors inside big-array elements give the exact byte and path', async () => {
    const input = '[{"result": [{"duration": 1}, {"duration": 1.2.3}, {"duration": 3}]}]';
    await expectSyntax(
      input,
      `byte ${input.indexOf('1.2.3')}`,
      /invalid literal or number "1.2.3" at \$\[0\]\.result\[1\]\.duration/,
    );
    await expectSyntax(
      '[{"result": [{"a": 1}, {"a": [1}]}]',
      'byte 31',
      /unexpected '}' closing an array at \$\[0\]\.result\[1\]/,
    );
    await expectSyntax(
      '[{"result": [1,,2]}]',
      'byte 15',
      /unexpected ',', expected a value at \$\[0\]\.result\[1\]/,
    );
    await expectSyntax('[{"result": [1,2,]}]', 'byte 17', /unexpected '\]' after ','/);
    await expectSyntax(
      '[{"result": [1 2]}]',
      'byte 15',
      /unexpected '2', expected ',' or a closing bracket at \$\[0\]\.result\[0\]/,
    );
  });

  test('errors in later batches name the right element index', async () => {
    const els = Array.from({ length: 10 }, (_, i) => (i === 7 ? '{"d": nul}' : `{"d": ${i}}`));
    const input = `[{"result": [${els.join(',')}]}]`;
    await expectSyntax(input, `byte ${input.indexOf('nul}')}`, /\$\[0\]\.result\[7\]\.d/, {
      ...opts,
      batchSize: 3,
    });
  });

  test('an element larger than the limit', async () => {
    const input = `[{"result": [${JSON.stringify('x'.repeat(5000))}]}]`;
    const e = await syntaxError(input, { ...opts, maxElementBytes: 1000 }, 512);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('LIMIT');
  });

  test('random truncations never hang and always fail', async () => {
    const doc = JSON.stringify([
      { result: [{ a: 'é', b: [1, 2, { c: null }] }, { a: 2 }], key: { name: 'x' } },
    ]);
    const bytes = enc.encode(doc);
    for (let cut = 0; cut < bytes.length - 1; cut++) {
      const e = await syntaxError(bytes.subarray(0, cut), opts, 7);
      expect(e).toBeInstanceOf(JsonSyntaxError);
    }
  });
});

describe("Python's NaN / Infinity / -Infinity", () => {
  const doc =
    '{"h": {"end": Infinity, "lo": -Infinity, "x": NaN, "s": "Infinity NaN"}, "a": [1, Infinity, {"v": -Infinity}, "NaN"]}';

  test('accepted by default, in the skeleton and in big arrays, for every chunk size', async () => {
    for (const size of [1, 5, 1 << 20]) {
      const out = await run(doc, { arrays: ['.a'], emit: ['.h'] }, size);
      expect(out.values[0]?.value).toEqual({
        end: Infinity,
        lo: -Infinity,
        x: Number.NaN,
        s: 'Infinity NaN',
      });
      expect(out.items.get('$.a')).toEqual([1, Infinity, { v: -Infinity }, 'NaN']);
    }
  });

  test('rejected with nonFinite: false', async () => {
    const e = await syntaxError('{"h": {"end": Infinity}}', { nonFinite: false });
    expect(e).toBeInstanceOf(JsonSyntaxError);
    expect((e as JsonSyntaxError).at).toBe('byte 14');
    const e2 = await syntaxError('{"a": [1, NaN]}', { arrays: ['.a'], nonFinite: false });
    expect((e2 as JsonSyntaxError).at).toBe('byte 10');
    expect(e2.message).toMatch(/\$\.a\[1\]/);
  });

  test('parseJsonText', () => {
    expect(parseJsonText('[-Infinity,"\\"NaN",NaN]')).toEqual([-Infinity, '"NaN', Number.NaN]);
    expect(() => parseJsonText('[Infinity]', false)).toThrow(SyntaxError);
    expect(() => parseJsonText('[Infinit]')).toThrow(SyntaxError);
  });
});

describe('path segments', () => {
  test('keys with escapes are decoded', async () => {
    const paths: PathSegment[][] = [];
    await splitJson(
      bytesSource(enc.encode('{"a\\"b": {"\\u00e9": [1]}}'), 1),
      { items: (p) => void paths.push([...p]) },
      { arrays: ['.*.*'] },
    );
    expect(paths).toEqual([['a"b', 'é']]);
  });
});
