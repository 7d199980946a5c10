import { readAccess } from '@/server/auth/access';
import { ApiError, handle, json } from '@/server/http/errors';
import { getJob } from '@/server/jobs/jobs';
import { liveProgress, resumeJobs } from '@/server/jobs/queue';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ jobId: string }> };

export const GET = handle(async (request: Request, ctx: Ctx) => {
  // Jobs belong to whoever uploads: a share link does not see them.
  if ((await readAccess(request)).share) throw new ApiError(404, 'NOT_FOUND', 'no such job');
  await resumeJobs();
  const { jobId } = await ctx.params;
  const job = await getJob(jobId, liveProgress(jobId));
  if (!job) throw new ApiError(404, 'NOT_FOUND', `no job ${jobId}`);
  return json(job);
});
