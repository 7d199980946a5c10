'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * False on the server, at hydration and until the browser has painted once; true after (issue 5).
 * The compare page draws its first chart with the first render and leaves the big tables, the
 * other charts and their requests for later: hydrating 20 sides' tables cost ~0.7 s before the
 * chart could draw. The reveal is a transition, so React renders it in slices and gives way to
 * the chart's own updates (ResponsiveContainer measuring its box) first.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const reveal = () => startTransition(() => setPainted(true));
    // A hidden tab paints no frame to wait for.
    if (document.visibilityState === 'hidden') {
      reveal();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the next paint; a task it queues runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(reveal, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return painted;
}
