// "Load profile" of a workload: how many iterations were in flight over time, computed the way
// Rally's HTML report does it (rally/task/processing/charts.py, LoadProfileChart): the load
// duration plus two extra steps is cut into `scale` steps, and each iteration adds to every step
// it covers the fraction of the step it was running (so a point is the mean concurrency over the
// step that ends at its time).

export interface LoadProfileInput {
  timestamp: number;
  duration: number;
}

export interface LoadProfilePoint {
  /** Seconds since the start of the first iteration (end of the step). */
  t: number;
  /** Mean number of iterations running during the step that ends at t. */
  running: number;
}

export interface LoadProfileOptions {
  /** Workload load duration in seconds; when null it is taken from the iterations. */
  loadDuration?: number | null;
  /** Number of steps (Rally: 100). */
  scale?: number;
}

/** First index whose value is > x in a sorted array (Python's bisect.bisect_right). */
function bisectRight(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < (a[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function loadProfile(
  iterations: readonly LoadProfileInput[],
  options: LoadProfileOptions = {},
): LoadProfilePoint[] {
  const scale = options.scale ?? 100;
  if (iterations.length === 0 || scale < 1) return [];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const it of iterations) {
    if (it.timestamp < start) start = it.timestamp;
    if (it.timestamp + it.duration > end) end = it.timestamp + it.duration;
  }
  const load =
    options.loadDuration != null && options.loadDuration > 0 ? options.loadDuration : end - start;
  // Rally: two more steps at the end so the chart falls back to 0.
  const total = load * (1 + 2 / scale);
  const step = total > 0 ? total / scale : 1;
  const axis: number[] = [];
  for (let x = 0; x < scale; x++) if (step * x < total) axis.push(step * x);
  axis.push(total);
  const running = new Array<number>(axis.length).fill(0);
  const last = axis.length - 1;
  for (const it of iterations) {
    const ts = it.timestamp - start;
    const te = ts + it.duration;
    const startedIdx = Math.min(bisectRight(axis, ts), last);
    let endedIdx = Math.min(bisectRight(axis, te), last);
    if (axis[endedIdx - 1] === te) endedIdx -= 1;
    for (let idx = startedIdx + 1; idx < endedIdx; idx++) running[idx] = (running[idx] ?? 0) + 1;
    if (startedIdx === endedIdx) {
      running[endedIdx] = (running[endedIdx] ?? 0) + it.duration / step;
    } else {
      running[startedIdx] = (running[startedIdx] ?? 0) + ((axis[startedIdx] as number) - ts) / step;
      running[endedIdx] = (running[endedIdx] ?? 0) + (te - (axis[endedIdx - 1] as number)) / step;
    }
  }
  return axis.map((t, i) => ({ t, running: running[i] ?? 0 }));
}
