import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RunPage } from '@/components/run/RunPage';
import { RunPageSkeleton } from '@/components/run/RunPageSkeleton';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ runId: string }>;
}): Promise<Metadata> {
  const { runId } = await params;
  return { title: runId };
}

export default async function Page({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return (
    <Suspense fallback={<RunPageSkeleton />}>
      <RunPage runId={decodeURIComponent(runId)} />
    </Suspense>
  );
}
