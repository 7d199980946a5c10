// What the image of a share link (/r/<slug>/image.png) is drawn from: the data of the link's
// view, as the API would answer it through the link (server/render/shareImage.ts fills it in),
// plus the view's state that picks the chart (the selected workload and row, the chart kind).
import type { Coverage } from '@/components/hooks/queries/useCoverageQuery';
import type { Factor, RunSummary, WorkloadStats } from '@/lib/apiTypes';
import type { Comparison } from '@/lib/compareTypes';
import type { Exploration } from '@/lib/exploreTypes';

/** One iteration as the duration chart needs it (1-based like Rally). */
export interface ImageIteration {
  iteration: number;
  duration: number;
  idle: number;
  failed: boolean;
}

export type ShareImageView =
  | {
      kind: 'compare';
      comparison: Comparison;
      /** The view's `w` (a workload key, or `metrics`) and `row`; null: the page's default. */
      w: string | null;
      row: string | null;
      chart: 'ecdf' | 'box';
    }
  | {
      kind: 'run';
      run: {
        id: string;
        name: string;
        campaign: { id: string; name: string } | null;
        factors: Record<string, Factor>;
      };
      workloadCount: number;
      /** 0-based position of `workload` among the run's workloads. */
      workloadIndex: number;
      /** The selected workload (the view's `w`, else the first); null: the run has none. */
      workload: {
        id: string;
        scenario: string;
        runner: Record<string, unknown>;
        iterations: number;
        failures: number;
        stats: WorkloadStats;
      } | null;
      /** Its iterations, min/max sampled for charts like the page's. */
      series: ImageIteration[];
    }
  | { kind: 'explore'; exploration: Exploration; scale: 'lin' | 'log' }
  | {
      kind: 'runs';
      /** The list's filters as text ("search “redis”", "backend = mysql"). */
      filters: string[];
      runs: RunSummary[];
      total: number;
    }
  | {
      kind: 'coverage';
      /** GET /api/coverage of the view's rows, cols and campaign, through the link. */
      coverage: Coverage;
    }
  | { kind: 'card'; title: string; subtitle: string };

export type ShareImageData = ShareImageView & {
  slug: string;
  /** How many runs the link covers. */
  runCount: number;
};
