import { z } from 'zod';
import { FACTOR_KEYS, FACTORS, type FactorKey } from '@/lib/factors';
import { readAccess } from '@/server/auth/access';
import { ApiError, handle, json } from '@/server/http/errors';
import { getGroups } from '@/server/queries/getGroups';

export const dynamic = 'force-dynamic';

const query = z.object({
  q: z.string().max(200).optional(),
  campaign: z.string().max(300).optional(),
  minRuns: z.coerce.number().int().min(1).max(1_000_000).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});

/** GET /api/groups: the groups of repetitions (fp_…) with their factors and runs (docs/api.md). */
export const GET = handle(async (request: Request) => {
  const access = await readAccess(request);
  const params = new URL(request.url).searchParams;
  const parsed = query.parse(Object.fromEntries(params));
  const factors: Partial<Record<FactorKey, string>> = {};
  for (const key of FACTOR_KEYS) {
    const v = params.get(key);
    if (v === null) continue;
    // Only fingerprint factors are shared by a group's runs.
    if (!FACTORS[key].fingerprint)
      throw new ApiError(422, 'INVALID_REQUEST', `${key}: not a fingerprint factor`);
    factors[key] = v;
  }
  return json(await getGroups({ ...parsed, factors, allowedRuns: access.allowedRuns }));
});
