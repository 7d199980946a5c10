import { z } from 'zod';
import { checkRun, readAccess } from '@/server/auth/access';
import { ApiError, handle, json } from '@/server/http/errors';
import { getIterations } from '@/server/store/runs';

export const dynamic = 'force-dynamic';

const query = z.object({
  from: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(10_000),
  points: z.coerce.number().int().min(2).max(20_000).optional(),
});

type Ctx = { params: Promise<{ runId: string; workloadId: string }> };

export const GET = handle(async (request: Request, ctx: Ctx) => {
  const access = await readAccess(request);
  const { runId, workloadId } = await ctx.params;
  checkRun(access, runId);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await getIterations(runId, workloadId, q);
  if (!page) throw new ApiError(404, 'NOT_FOUND', `no workload ${workloadId} in run ${runId}`);
  return json(page);
});
