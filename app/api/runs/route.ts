import { z } from 'zod';
import { FACTOR_KEYS, type FactorKey } from '@/lib/factors';
import { readAccess } from '@/server/auth/access';
import { handle, json } from '@/server/http/errors';
import { listRuns, SORT_KEYS } from '@/server/store/runs';

export const dynamic = 'force-dynamic';

const query = z.object({
  q: z.string().max(200).optional(),
  scenario: z.string().max(300).optional(),
  campaign: z.string().max(300).optional(),
  sort: z
    .string()
    .refine((s) => SORT_KEYS.includes(s.replace(/^-/, '')), {
      message: `sort by one of ${SORT_KEYS.join(', ')}`,
    })
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});

export const GET = handle(async (request: Request) => {
  const access = await readAccess(request);
  const params = new URL(request.url).searchParams;
  const parsed = query.parse(Object.fromEntries(params));
  const factors: Partial<Record<FactorKey, string>> = {};
  for (const key of FACTOR_KEYS) {
    const v = params.get(key);
    if (v !== null) factors[key] = v;
  }
  return json(await listRuns({ ...parsed, factors, allowedRuns: access.allowedRuns }));
});
