'use client';

import { createParser, parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';
import type { ConversationKey, MatrixMetric, ServiceMetric } from '@/lib/traffic';

/**
 * The traffic panels' choices, in the URL, so a link (and a share link) reproduces them. Short
 * names that collide neither with the run page's (`w section tab bins atomics hm cap`) nor with
 * the compare page's (`baseline contenders w row chart seed`). Defaults are left out of the URL;
 * every change replaces the history entry, as the other chart options do.
 *
 * Run page, Traffic section (`/runs/<id>?section=traffic&…`):
 * - `tm`    site × site matrix metric: `bytes` (default) | `messages` | `frames`
 * - `tsvc`  site × site matrix service filter: a service name (default: all services)
 * - `sm`    Services panel metric: `bytes` (default) | `frames` | `messages`
 * - `ts`    Traffic over time metric: `bytes` (default) | `messages` | `frames`
 * - `tmode` Traffic over time chart: `stacked` (default) | `lines`
 * - `csort` Conversations sort: a column, `-` first for descending (default `-bytes`)
 *
 * Compare page, Traffic section (`/compare?…&tm=messages`):
 * - `tm`    the metric of every traffic panel: `bytes` (default) | `messages` | `frames`
 */
const OPTIONS = { history: 'replace', clearOnDefault: true } as const;

const METRICS = ['bytes', 'messages', 'frames'] as const satisfies readonly MatrixMetric[];
const SERVICE_METRICS = ['bytes', 'frames', 'messages'] as const satisfies readonly ServiceMetric[];
export const SERIES_MODES = ['stacked', 'lines'] as const;
export type SeriesMode = (typeof SERIES_MODES)[number];

const matrixMetric = parseAsStringLiteral(METRICS).withDefault('bytes');

export function useSiteMatrixState() {
  return useQueryStates({ tm: matrixMetric, tsvc: parseAsString }, OPTIONS);
}

export function useServicesMetric() {
  return useQueryStates(
    { sm: parseAsStringLiteral(SERVICE_METRICS).withDefault('bytes') },
    OPTIONS,
  );
}

export function useSeriesState() {
  return useQueryStates(
    {
      ts: parseAsStringLiteral(METRICS).withDefault('bytes'),
      tmode: parseAsStringLiteral(SERIES_MODES).withDefault('stacked'),
    },
    OPTIONS,
  );
}

export const CONVERSATION_KEYS = [
  'stream',
  'service',
  'a',
  'b',
  'framesAtoB',
  'bytesAtoB',
  'framesBtoA',
  'bytesBtoA',
  'bytes',
  'firstTime',
  'lastTime',
] as const satisfies readonly ConversationKey[];

export type ConversationSort = { key: ConversationKey; dir: 'asc' | 'desc' };
export const DEFAULT_CONVERSATION_SORT: ConversationSort = { key: 'bytes', dir: 'desc' };

/** `-bytes` ↔ bytes descending, `stream` ↔ stream ascending (as the runs list's `sort`). */
const parseAsConversationSort = createParser<ConversationSort>({
  parse: (v) => {
    const desc = v.startsWith('-');
    const key = (desc ? v.slice(1) : v) as ConversationKey;
    return (CONVERSATION_KEYS as readonly string[]).includes(key)
      ? { key, dir: desc ? 'desc' : 'asc' }
      : null;
  },
  serialize: (s) => `${s.dir === 'desc' ? '-' : ''}${s.key}`,
  eq: (a, b) => a.key === b.key && a.dir === b.dir,
});

export function useConversationSort() {
  return useQueryStates(
    { csort: parseAsConversationSort.withDefault(DEFAULT_CONVERSATION_SORT) },
    OPTIONS,
  );
}

/** The compare page's traffic metric (`tm`), shared by its matrices, services and ratios. */
export function useCompareTrafficMetric() {
  return useQueryStates({ tm: matrixMetric }, OPTIONS);
}
