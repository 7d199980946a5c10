import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ComparePage } from '@/components/compare/ComparePage';
import { ComparePageSkeleton } from '@/components/compare/ComparePageSkeleton';
import { CoveragePage, CoveragePageSkeleton } from '@/components/coverage/CoveragePage';
import { ExplorePage, ExplorePageSkeleton } from '@/components/explore/ExplorePage';
import { RunPage } from '@/components/run/RunPage';
import { RunPageSkeleton } from '@/components/run/RunPageSkeleton';
import { RunsPage } from '@/components/runs/RunsPage';
import { RunsPageSkeleton } from '@/components/runs/RunsPageSkeleton';

type Params = Promise<{ slug: string; path?: string[] }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { path = [] } = await params;
  const title =
    path[0] === 'runs' && path[1]
      ? `Shared run ${decodeURIComponent(path[1])}`
      : path[0] === 'compare'
        ? 'Shared comparison'
        : path[0] === 'explore'
          ? 'Shared exploration'
          : path[0] === 'coverage'
            ? 'Shared design coverage'
            : 'Shared runs';
  return { title };
}

/**
 * The view a share link saved, rendered by the dashboard's own page components (they read the
 * share context for their API calls and links): '' → the runs list, runs/<id> → a run,
 * compare → the comparison, explore → the exploration, coverage → the design grid
 * (server/store/shares.ts VIEW).
 */
export default async function SharedPage({ params }: { params: Params }) {
  const { path = [] } = await params;
  const [head, id, ...rest] = path;
  if (head === undefined) {
    return (
      <Suspense fallback={<RunsPageSkeleton />}>
        <RunsPage />
      </Suspense>
    );
  }
  if (head === 'runs' && id && rest.length === 0) {
    return (
      <Suspense fallback={<RunPageSkeleton />}>
        <RunPage runId={decodeURIComponent(id)} />
      </Suspense>
    );
  }
  if (head === 'compare' && id === undefined) {
    return (
      <Suspense fallback={<ComparePageSkeleton />}>
        <ComparePage />
      </Suspense>
    );
  }
  if (head === 'explore' && id === undefined) {
    return (
      <Suspense fallback={<ExplorePageSkeleton />}>
        <ExplorePage />
      </Suspense>
    );
  }
  if (head === 'coverage' && id === undefined) {
    return (
      <Suspense fallback={<CoveragePageSkeleton />}>
        <CoveragePage />
      </Suspense>
    );
  }
  notFound();
}
