import Link from 'next/link';

export default function RunNotFound() {
  return (
    <div
      className="mx-auto flex max-w-lg flex-col items-center py-20 text-center"
      data-testid="run-not-found"
    >
      <p className="font-mono text-sm text-accent">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">Run not found</h1>
      <p className="mt-2 text-[13px] text-muted">
        No run has this id. It may have been deleted, or the link is incomplete: run ids look like{' '}
        <code className="rounded bg-surface-2 px-1 font-mono text-[12px]">run_01J…</code>.
      </p>
      <Link
        href="/"
        className="mt-6 rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg hover:bg-accent-hover"
      >
        Browse the runs
      </Link>
    </div>
  );
}
