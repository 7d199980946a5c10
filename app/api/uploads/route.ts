// POST /api/uploads: stream the files to disk, record a job, answer 202 at once; a worker
// process ingests them (server/jobs). GET /api/jobs/:id follows the job.
import { FACTOR_KEYS, type FactorKey, parseFactorText } from '@/lib/factors';
import type { FactorValue } from '@/lib/apiTypes';
import { newId } from '@/lib/ids';
import { requireWrite } from '@/server/auth/token';
import { ApiError, handle, json } from '@/server/http/errors';
import { receiveUpload } from '@/server/http/upload';
import { createJob, type JobInput, removeUploads, uploadsDir } from '@/server/jobs/jobs';
import { enqueue, resumeJobs } from '@/server/jobs/queue';
import { database } from '@/server/database';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  requireWrite(request);
  await resumeJobs();
  const jobId = newId('job');
  const upload = await receiveUpload(request, uploadsDir(jobId));
  try {
    const input = readForm(upload.fields, upload.files);
    await createJob(await database(), jobId, input);
  } catch (e) {
    removeUploads(jobId);
    throw e;
  }
  enqueue(jobId);
  return json({ jobId }, { status: 202 });
});

/** The job's input from the form: the campaign and factor fields (validated, named on error). */
function readForm(
  fields: Record<string, string>,
  files: { path: string; name: string }[],
): JobInput {
  const factors: Partial<Record<FactorKey, FactorValue>> = {};
  for (const key of FACTOR_KEYS) {
    const raw = fields[key];
    if (raw === undefined || raw.trim() === '') continue;
    try {
      factors[key] = parseFactorText(key, raw);
    } catch (e) {
      const issues = (e as { issues?: { message: string }[] }).issues;
      throw new ApiError(
        422,
        'INVALID_FACTOR',
        `${key}: ${issues?.[0]?.message ?? (e as Error).message}`,
      );
    }
  }
  const campaign = fields.campaign?.trim() || null;
  return { files: files.map((f) => ({ path: f.path, name: f.name })), campaign, factors };
}
