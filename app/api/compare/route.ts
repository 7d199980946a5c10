import { z } from 'zod';
import { readAccess } from '@/server/auth/access';
import { handle, json } from '@/server/http/errors';
import { getComparison } from '@/server/queries/getComparison';

export const dynamic = 'force-dynamic';

const sideId = z.string().regex(/^(run|fp)_[0-9A-Za-z]+$/, 'a run id (run_…) or a group id (fp_…)');

const query = z.object({
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
});

export const GET = handle(async (request: Request) => {
  const access = await readAccess(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(
    await getComparison({
      ...q,
      allowedRuns: access.allowedRuns,
      groupMembers: access.share?.groups,
    }),
  );
});
