import { RunsPageSkeleton } from '@/components/runs/RunsPageSkeleton';

export default function Loading() {
  return <RunsPageSkeleton />;
}
