import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center py-20 text-center">
      <p className="font-mono text-sm text-accent">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-[13px] text-muted">
        Nothing lives at this address. The link may be mistyped, or the page is not built yet.
      </p>
      <Link
        href="/"
        className="mt-6 rounded-md bg-accent px-3 py-1.5 text-[13px] font-medium text-accent-fg hover:bg-accent-hover"
      >
        Back to the runs
      </Link>
    </div>
  );
}
