// Runs once when the Next.js server starts: jobs a restart interrupted are run again.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { resumeJobs } = await import('./server/jobs/queue');
    resumeJobs().catch((e: unknown) => {
      // the store could not be opened: the next upload or job request tries again
      console.error('edgeperf: could not resume upload jobs:', e);
    });
  }
}
