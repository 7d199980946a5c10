// Runs once when the Next.js server starts: jobs a restart interrupted are run again, and the
// heap that requests will use is touched once (`preTouchHeap`).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    preTouchHeap();
    const { resumeJobs } = await import('./server/jobs/queue');
    resumeJobs().catch((e: unknown) => {
      // the store could not be opened: the next upload or job request tries again
      console.error('edgeperf: could not resume upload jobs:', e);
    });
  }
}

/**
 * Writes to EDGEPERF_PRETOUCH_MB MiB (default 64; 0: off) of malloc'd memory in 1 MiB blocks
 * and lets it go, as the JVM's AlwaysPreTouch does for its heap: with the malloc settings that
 * scripts/start.mjs gives (blocks under 32 MiB from the heap, freed heap kept), the first
 * comparison's samples and SQLite pages then land in pages the kernel has already mapped, not
 * in new ones that fault in one at a time (docs/BENCHMARKS.md). Costs ~0.2 s at start here.
 */
function preTouchHeap() {
  const mb = Number(process.env.EDGEPERF_PRETOUCH_MB ?? 64);
  if (!(mb > 0) || !process.env.MALLOC_MMAP_THRESHOLD_) return;
  const blocks: Buffer[] = [];
  for (let k = 0; k < Math.min(mb, 1024); k++) blocks.push(Buffer.allocUnsafeSlow(1 << 20).fill(0));
  blocks.length = 0; // freed to malloc (kept by it) at the next garbage collection
}
