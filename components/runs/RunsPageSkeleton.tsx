import { Panel } from '@/components/ui/Panel';
import { Skeleton, TableSkeleton } from '@/components/ui/Skeleton';

export function RunsPageSkeleton() {
  return (
    <div className="space-y-5" role="status" aria-label="Loading runs">
      <div className="space-y-2">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-8 w-32" />
      </div>
      <Panel bodyClassName="p-4">
        <TableSkeleton rows={8} cols={8} />
      </Panel>
    </div>
  );
}
