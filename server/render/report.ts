// The offline comparison report as an HTTP answer (GET /api/compare/report and
// /r/<slug>/report.html): the request's parameters, the file name, the headers. The document
// itself is components/static/CompareReport.tsx, turned into text by ./markup.ts.
import type { ReactNode } from 'react';
import { z } from 'zod';
import type { Comparison } from '@/lib/compareTypes';
import { renderMarkup } from './markup';

const sideId = z.string().regex(/^(run|fp)_[0-9A-Za-z]+$/, 'a run id (run_…) or a group id (fp_…)');

/** The parameters of GET /api/compare, and the chart kind of the page (`chart`). */
export const reportQuery = z.object({
  baseline: sideId,
  contenders: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(sideId).min(1, 'at least one contender').max(20, 'at most 20 contenders')),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  alpha: z.coerce.number().gt(0).lt(1).optional(),
  chart: z.enum(['ecdf', 'box']).default('ecdf'),
});

/** `edgeperf-compare-<baseline>-<contender>….html` (ids only: safe in any file system). */
export function reportFilename(data: Comparison): string {
  const ids = [data.baseline.id, ...data.contenders.map((c) => c.id)];
  const shown = ids.length > 4 ? [...ids.slice(0, 3), `and-${ids.length - 3}-more`] : ids;
  return `edgeperf-compare-${shown.join('-')}.html`;
}

/** A whole HTML document from its `<html>` element. */
export function renderDocument(root: ReactNode): string {
  return `<!doctype html>\n${renderMarkup(root)}\n`;
}

export function reportResponse(html: string, filename: string): Response {
  return new Response(html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
      vary: 'x-edgeperf-share, cookie, authorization',
      'x-robots-tag': 'noindex',
    },
  });
}
