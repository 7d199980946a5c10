// The fuzz harness (issue 7): shared by every `*.fuzz.test.ts`. A property feeds a parser a
// mutated real fixture and requires it to be "well behaved":
// - it returns normally, or it throws an IngestError (the archive reader's errors are
//   IngestErrors too) with a non-empty code and message, and that message is not an internal
//   crash in disguise ("Maximum call stack size exceeded" wrapped into a syntax error);
// - any other exception fails: TypeError, RangeError ("Maximum call stack", "Invalid array
//   length"), a plain Error;
// - it ends within a time bound (2 s + 2 s per MiB of input, measured per case);
// - the heap did not grow by more than 256 MiB + 64 bytes per input byte (heapUsed plus array
//   buffers, measured right after the case, before any forced collection);
// - a case that never ends (a synchronous endless loop cannot be interrupted from the same
//   thread), or that drives the process past FUZZ_RSS_MB (default 2560) of resident memory
//   before V8's own fatal out-of-memory, is caught by a watchdog thread: it writes the input
//   to a file, says where, and kills the process, so a hang or a runaway allocation is a loud
//   failure with its input kept, not a silent stall or an unexplained crash.
//
// Seeds and counts: FUZZ_SEED (default DEFAULT_SEED) seeds every property; the case count is the
// property's CI count under `vitest run`, and FUZZ_RUNS (default 2000) under `npm run fuzz`
// (vitest.fuzz.config.mts sets EDGEPERF_FUZZ=long). fast-check prints the seed and the path of a
// failure; FUZZ_SEED=<seed> FUZZ_PATH=<path> replays exactly that case.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type fc from 'fast-check';
import { IngestError } from '@/ingest/core/errors';

/** The documented default seed (docs/FUZZING.md): any 32-bit integer works. */
export const DEFAULT_SEED = 20_240_707;

/** 'ci' under the default vitest config, 'long' under `npm run fuzz`. */
export const FUZZ_MODE: 'ci' | 'long' = process.env.EDGEPERF_FUZZ === 'long' ? 'long' : 'ci';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${raw}`);
  return n;
}

export const FUZZ_SEED = intFromEnv('FUZZ_SEED', DEFAULT_SEED);
export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', 2000);

/**
 * fast-check parameters of a property: `ciRuns` cases in CI, FUZZ_RUNS × `weight` under
 * `npm run fuzz` (a property whose case costs 10× the others takes weight 0.1).
 */
export function fuzzParams(ciRuns: number, weight = 1): fc.Parameters<unknown> {
  const numRuns = FUZZ_MODE === 'long' ? Math.max(ciRuns, Math.round(FUZZ_RUNS * weight)) : ciRuns;
  const params: fc.Parameters<unknown> = { seed: FUZZ_SEED, numRuns, endOnFailure: false };
  if (process.env.FUZZ_PATH) params.path = process.env.FUZZ_PATH;
  return params;
}

/** The per-case count of a loop-based (non fast-check) sweep: all of it in long mode. */
export function sweepCount(total: number, ciMax: number): number {
  return FUZZ_MODE === 'long' ? total : Math.min(total, ciMax);
}

/** Long-mode timeouts for vitest `test(..., timeout)`: a property of 2000+ cases takes minutes. */
export function fuzzTimeout(ciMs: number): number {
  return FUZZ_MODE === 'long' ? 3_600_000 : ciMs;
}

// ---- garbage collection (for the heap bound) ----

let gcFn: (() => void) | null | undefined;
/** V8's gc(), enabled at run time (no --expose-gc needed); null if unavailable. */
export function gc(): void {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// ---- the watchdog ----

const HANG_MS = intFromEnv('FUZZ_HANG_MS', 60_000);
/** A case whose process grows past this resident size is stopped (before V8's fatal OOM). */
const RSS_LIMIT = intFromEnv('FUZZ_RSS_MB', 2560) * 2 ** 20;
const SLOT_BYTES = 8 << 20;
let shared: { state: Float64Array; len: Int32Array; bytes: Uint8Array; label: Uint8Array } | null =
  null;

const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const state = new Float64Array(workerData.sab, 0, 1);
const len = new Int32Array(workerData.sab, 8, 2);
const bytes = new Uint8Array(workerData.sab, 16, workerData.slot);
const label = new Uint8Array(workerData.sab, 16 + workerData.slot, 1024);
function dump(what) {
  const name = new TextDecoder().decode(label.subarray(0, len[1]));
  const file = workerData.dir + '/edgeperf-fuzz-' + process.pid + '.bin';
  fs.writeFileSync(file, bytes.subarray(0, len[0]));
  const text = 'FUZZ ' + what + ': ' + name + '; its input (' + len[0] + ' bytes) is in ' + file;
  fs.writeFileSync(file + '.txt', text + '\\n');
  fs.writeSync(2, '\\n' + text + '\\n');
  process.kill(process.pid, 'SIGKILL');
}
setInterval(() => {
  const started = state[0];
  if (started > 0 && Date.now() - started > workerData.hangMs)
    dump('HANG (more than ' + workerData.hangMs + ' ms)');
  const rss = process.memoryUsage.rss();
  if (rss > workerData.rssLimit)
    dump('MEMORY (resident size ' + Math.round(rss / 1048576) + ' MiB' +
      (started > 0 ? '' : ', between cases: the last case was') + ')');
}, 100);
`;

function watchdog(): NonNullable<typeof shared> {
  if (shared) return shared;
  const sab = new SharedArrayBuffer(16 + SLOT_BYTES + 1024);
  shared = {
    state: new Float64Array(sab, 0, 1),
    len: new Int32Array(sab, 8, 2),
    bytes: new Uint8Array(sab, 16, SLOT_BYTES),
    label: new Uint8Array(sab, 16 + SLOT_BYTES, 1024),
  };
  const w = new Worker(WATCHDOG, {
    eval: true,
    workerData: { sab, slot: SLOT_BYTES, hangMs: HANG_MS, rssLimit: RSS_LIMIT, dir: os.tmpdir() },
  });
  w.unref();
  return shared;
}

function caseStarted(label: string, input: Uint8Array | null): void {
  const s = watchdog();
  const n = input ? Math.min(input.byteLength, SLOT_BYTES) : 0;
  if (input) s.bytes.set(input.subarray(0, n));
  s.len[0] = n;
  const l = new TextEncoder().encode(label).subarray(0, 1024);
  s.label.set(l);
  s.len[1] = l.byteLength;
  s.state[0] = Date.now();
}

function caseEnded(): void {
  if (shared) shared.state[0] = 0;
}

// ---- the well-behaved check ----

/** Messages of internal crashes that must never reach a user, even wrapped in an IngestError. */
const INTERNAL =
  /Maximum call stack|Invalid array length|Invalid typed array length|Invalid string length|Array buffer allocation failed|out of memory|is not a function|Cannot read propert|Cannot set propert|is not iterable|undefined is not|null is not/i;

export type Outcome<T> =
  | { ok: true; value: T; ms: number }
  | { ok: false; error: IngestError; ms: number };

export interface WellBehavedOptions {
  /** Shown on failure: the property and the mutation. */
  label: string;
  /** The input (its size scales the bounds; it is what the watchdog saves on a hang). */
  input: Uint8Array | null;
  /** Input size when `input` is not given in full (an archive on disk). */
  inputBytes?: number;
  /** Default 2000 + 2000 per MiB; multiplied by FUZZ_TIME_FACTOR (see TIME_FACTOR). */
  timeMs?: number;
  /** Default 256 MiB + 64 × input bytes. */
  heapBytes?: number;
  /** Extra acceptance for errors (default: any IngestError with a code and a message). */
  acceptError?: (e: IngestError) => boolean;
}

/**
 * Time bounds are multiplied by FUZZ_TIME_FACTOR: default 1 under `npm run fuzz` (one file at a
 * time), 2.5 in CI, where test files run side by side on 2 cores. The blowups the bound exists
 * for (quadratic, exponential) are 10× to 10,000× slower, well past either.
 */
const TIME_FACTOR =
  Number(process.env.FUZZ_TIME_FACTOR ?? (FUZZ_MODE === 'long' ? '1' : '2.5')) || 1;

/** Stats per label prefix, printed by `reportStats` at the end of a long run. */
const stats = new Map<string, { cases: number; errors: Map<string, number>; maxMs: number }>();

/**
 * Runs `fn` and checks that it is well behaved (see the file header). Returns the outcome so a
 * property can check more (a result's invariants, the error's class).
 */
export async function assertWellBehaved<T>(
  fn: () => T | Promise<T>,
  opts: WellBehavedOptions,
): Promise<Outcome<T>> {
  const size = opts.inputBytes ?? opts.input?.byteLength ?? 0;
  const timeMs = (opts.timeMs ?? 2000 + (2000 * size) / 2 ** 20) * TIME_FACTOR;
  const heapBytes = opts.heapBytes ?? 256 * 2 ** 20 + 64 * size;
  const before = memory();
  caseStarted(opts.label, opts.input);
  const t0 = performance.now();
  let outcome: Outcome<T>;
  try {
    const value = await fn();
    outcome = { ok: true, value, ms: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (!(e instanceof IngestError)) {
      throw new Error(
        `${opts.label}: threw ${describeError(e)} instead of returning or throwing an IngestError`,
        { cause: e },
      );
    }
    if (typeof e.code !== 'string' || (e.code as string) === '' || !e.message) {
      throw new Error(
        `${opts.label}: IngestError without a code or a message: ${describeError(e)}`,
      );
    }
    if (INTERNAL.test(e.message)) {
      throw new Error(
        `${opts.label}: an internal crash wrapped in an IngestError: ${describeError(e)}`,
      );
    }
    if (opts.acceptError && !opts.acceptError(e)) {
      throw new Error(`${opts.label}: unexpected error ${describeError(e)}`);
    }
    outcome = { ok: false, error: e, ms };
  } finally {
    caseEnded();
  }
  const grown = memory() - before;
  if (outcome.ms > timeMs) {
    throw new Error(
      `${opts.label}: took ${outcome.ms.toFixed(0)} ms (bound ${timeMs.toFixed(0)} ms for ${size} input bytes)`,
    );
  }
  if (grown > heapBytes) {
    gc();
    const retained = memory() - before;
    throw new Error(
      `${opts.label}: the heap grew by ${mib(grown)} (bound ${mib(heapBytes)} for ${size} input bytes; ${mib(retained)} after a collection)`,
    );
  }
  const key = opts.label.split(':')[0] ?? opts.label;
  let s = stats.get(key);
  if (!s) {
    s = { cases: 0, errors: new Map(), maxMs: 0 };
    stats.set(key, s);
  }
  s.cases++;
  s.maxMs = Math.max(s.maxMs, outcome.ms);
  const kind = outcome.ok ? 'ok' : `${outcome.error.name}/${outcome.error.code}`;
  s.errors.set(kind, (s.errors.get(kind) ?? 0) + 1);
  return outcome;
}

/** Prints what the properties of a file saw (long mode only): cases, outcomes, slowest case. */
export function reportStats(): void {
  if (FUZZ_MODE !== 'long') return;
  for (const [key, s] of stats) {
    const kinds = [...s.errors].map(([k, n]) => `${k} ${n}`).join(', ');
    process.stdout.write(
      `[fuzz] ${key}: ${s.cases} cases (${kinds}); slowest ${s.maxMs.toFixed(0)} ms\n`,
    );
  }
}

/**
 * Extra time for a case fed in chunks of `chunk` bytes: each chunk is an awaited read (and a
 * decompressor write for a .gz) costing up to ~0.1 ms, which 1-byte chunks turn into seconds.
 * Production sources read 64 KiB to 1 MiB at a time.
 */
export function chunkAllowanceMs(bytes: number, chunk: number): number {
  return (bytes / Math.max(1, chunk)) * 0.1;
}

/** Extra heap for the same: each chunk leaves a view and a promise or two (~256 bytes) behind. */
export function chunkAllowanceBytes(bytes: number, chunk: number): number {
  return (bytes / Math.max(1, chunk)) * 256;
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.slice(0, 300)}`;
  return String(e).slice(0, 300);
}

function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}

// ---- fixtures ----

/** The repository root (this file is test/fuzz/harness.ts). */
export const REPO = path.resolve(import.meta.dirname, '../..');

export function fixture(rel: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(REPO, 'fixtures', rel)));
}

/** Fixture files of a folder whose names match `re`, sorted. */
export function fixtureNames(dir: string, re: RegExp): string[] {
  return fs
    .readdirSync(path.join(REPO, 'fixtures', dir))
    .filter((n) => re.test(n))
    .sort()
    .map((n) => `${dir}/${n}`);
}
