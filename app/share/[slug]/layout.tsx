import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ShareProvider } from '@/components/share/ShareProvider';

// A shared view is for the people it was sent to: never indexed, never cached by a proxy.
export const metadata: Metadata = {
  title: 'Shared view',
  robots: {
    index: false,
    follow: false,
    nocache: true,
    googleBot: { index: false, follow: false },
  },
  referrer: 'no-referrer',
};

/**
 * /share/<slug>/…: the dashboard's views, read-only, through a share link (/r/<slug> redirects
 * here). ShareProvider sets the context useApi reads to send `x-edgeperf-share: <slug>`.
 */
export default async function ShareLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  return <ShareProvider slug={decodeURIComponent(slug)}>{children}</ShareProvider>;
}
