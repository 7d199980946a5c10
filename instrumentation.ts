// Runs once when the Next.js server starts: jobs a restart interrupted are run again.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { resumeJobs } = await import('./server/jobs/queue');
    resumeJobs();
  }
}
