import { checkRun, readAccess } from '@/server/auth/access';
import { requireWrite } from '@/server/auth/token';
import { noBody } from '@/server/http/body';
import { ApiError, handle, json } from '@/server/http/errors';
import { deleteRun, getRun } from '@/server/store/runs';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ runId: string }> };

export const GET = handle(async (request: Request, ctx: Ctx) => {
  const access = await readAccess(request);
  const { runId } = await ctx.params;
  checkRun(access, runId);
  const run = await getRun(runId);
  if (!run) throw new ApiError(404, 'NOT_FOUND', `no run ${runId}`);
  return json(run);
});

export const DELETE = handle(async (request: Request, ctx: Ctx) => {
  requireWrite(request);
  await noBody(request);
  const { runId } = await ctx.params;
  if (!(await deleteRun(runId))) throw new ApiError(404, 'NOT_FOUND', `no run ${runId}`);
  return new Response(null, { status: 204 });
});
