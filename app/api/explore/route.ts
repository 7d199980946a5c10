import { z } from 'zod';
import { readAccess } from '@/server/auth/access';
import { handle, json } from '@/server/http/errors';
import { getExploration } from '@/server/queries/getExploration';

export const dynamic = 'force-dynamic';

const key = z.string().regex(/^[a-z_]+$/, 'a factor key such as sites, rtt_ms, backend');

const query = z.object({
  metric: z.string().min(1).max(300).default('duration:p50:total'),
  x: key.default('sites'),
  series: key.optional(),
  facet: key.optional(),
  scenario: z.string().max(300).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
});

export const GET = handle(async (request: Request) => {
  const access = await readAccess(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(await getExploration({ ...q, allowedRuns: access.allowedRuns }));
});
