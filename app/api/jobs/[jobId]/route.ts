import { ApiError, handle, json } from '@/server/http/errors';
import { getJob } from '@/server/jobs/jobs';
import { liveProgress, resumeJobs } from '@/server/jobs/queue';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ jobId: string }> };

export const GET = handle(async (_request: Request, ctx: Ctx) => {
  resumeJobs();
  const { jobId } = await ctx.params;
  const job = getJob(jobId, liveProgress(jobId));
  if (!job) throw new ApiError(404, 'NOT_FOUND', `no job ${jobId}`);
  return json(job);
});
