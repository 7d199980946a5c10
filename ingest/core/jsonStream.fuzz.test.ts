// Differential fuzzing of the streaming JSON splitter (issue 7) against JSON.parse: for any
// JSON text cut into any chunks, the splitter's values are JSON.parse's; for any damaged text,
// it fails exactly when JSON.parse does, with a JsonSyntaxError whose byte offset lies in the
// input. The Rally parsers stand on it (ingest/rally/rally.fuzz.test.ts fuzzes them whole).
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { assertWellBehaved, fuzzParams, fuzzTimeout, reportStats } from '@/test/fuzz/harness';
import { applyAll, chunkSizeArb, describeMutations, mutationsArb } from '@/test/fuzz/mutations';
import { jsonModel } from '@/test/fuzz/formats';
import { bytesSource } from './source';
import { MAX_JSON_DEPTH, splitJson } from './jsonStream';

afterAll(reportStats);

const enc = new TextEncoder();

/** Nesting depth of a JSON text (brackets outside strings), to leave out what the limit refuses. */
function depthOf(text: string): number {
  let d = 0;
  let max = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++d);
    else if (c === ']' || c === '}') d--;
  }
  return max;
}

async function split(bytes: Uint8Array, chunk: number, big: boolean) {
  const items: unknown[] = [];
  const r = await splitJson(
    bytesSource(bytes, chunk),
    { items: (_p, batch) => void items.push(...batch) },
    // The root array as a big array: its elements go through the batch path.
    big ? { arrays: ['$'], batchSize: 3 } : {},
  );
  return big ? items : r.root;
}

test(
  'any JSON value, any chunking: the values JSON.parse gives',
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 8 }),
        chunkSizeArb,
        fc.boolean(),
        async (value, chunk, big) => {
          const v = big ? (Array.isArray(value) ? value : [value]) : value;
          const text = JSON.stringify(v);
          const out = await assertWellBehaved(() => split(enc.encode(text), chunk, big), {
            label: `json-value: ${text.slice(0, 80)}`,
            input: enc.encode(text),
          });
          expect(out.ok).toBe(true);
          if (out.ok) expect(out.value).toEqual(JSON.parse(text));
        },
      ),
      fuzzParams(150),
    );
  },
  fuzzTimeout(60_000),
);

test(
  'damaged JSON: fails exactly when JSON.parse does, with a byte offset in the input',
  async () => {
    const seed = fc
      .jsonValue({ maxDepth: 6 })
      .map((v) => JSON.stringify(Array.isArray(v) ? v : [v]));
    await fc.assert(
      fc.asyncProperty(
        seed.chain((text) => {
          const bytes = enc.encode(text);
          return fc.record({
            text: fc.constant(text),
            mutations: mutationsArb(bytes, { ...jsonModel(bytes), text: false }),
          });
        }),
        chunkSizeArb,
        fc.boolean(),
        async ({ text, mutations }, chunk, big) => {
          const bytes = applyAll(enc.encode(text), mutations);
          const mutated = new TextDecoder().decode(bytes);
          const out = await assertWellBehaved(() => split(bytes, chunk, big), {
            label: `json-damaged: ${describeMutations(mutations)}`,
            input: bytes,
          });
          // Python's NaN/Infinity (accepted on purpose), a byte order mark, invalid UTF-8 (the
          // splitter decodes like TextDecoder) and the depth limit are the known differences.
          if (/NaN|Infinity|\uFEFF|\uFFFD/.test(mutated) || depthOf(mutated) > MAX_JSON_DEPTH)
            return;
          let expected: unknown;
          let parses = true;
          try {
            expected = JSON.parse(mutated);
          } catch {
            parses = false;
          }
          if (big && parses && !Array.isArray(expected)) return; // not an array: a shape error
          expect(
            out.ok,
            `${describeMutations(mutations)}: splitter ${out.ok ? 'accepted' : 'refused'}`,
          ).toBe(parses);
          if (out.ok) expect(out.value).toEqual(expected);
          else {
            expect(out.error.code).toBe('JSON_SYNTAX');
            const at = Number(out.error.at?.replace('byte ', ''));
            expect(at).toBeGreaterThanOrEqual(0);
            expect(at).toBeLessThanOrEqual(bytes.byteLength);
          }
        },
      ),
      fuzzParams(150),
    );
  },
  fuzzTimeout(60_000),
);

test('regression: readAll past its limit is an IngestError naming the byte (was a RangeError)', async () => {
  const { readAll } = await import('./source');
  const err = await readAll(bytesSource(new Uint8Array(100), 7), 50).catch((e: unknown) => e);
  expect(err).toMatchObject({ name: 'IngestError', code: 'LIMIT', at: 'byte 50' });
});
