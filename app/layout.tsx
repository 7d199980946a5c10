import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/AppHeader';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'edgeperf', template: '%s · edgeperf' },
  description:
    'Performance analysis of distributed OpenStack experiments: Rally results, factors, traffic captures.',
  icons: { icon: '/icon.svg' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#151a21' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-bg text-fg">
        <Providers>
          <div className="flex min-h-dvh flex-col">
            <AppHeader />
            <main className="mx-auto w-full max-w-[1440px] flex-1 px-4 py-6 sm:px-6">
              {children}
            </main>
            <footer className="no-print border-t border-border py-4 text-center text-xs text-faint">
              edgeperf · performance analysis for distributed OpenStack experiments
            </footer>
          </div>
        </Providers>
      </body>
    </html>
  );
}
