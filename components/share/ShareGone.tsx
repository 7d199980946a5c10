import type { ShareGoneState } from '@/components/hooks/shareContext';

const TEXT: Record<ShareGoneState, { code: string; title: string; body: string }> = {
  expired: {
    code: '410',
    title: 'This share link has expired',
    body: 'Whoever shared it set an expiry date, and it has passed. Ask them for a new link.',
  },
  revoked: {
    code: '410',
    title: 'This share link was revoked',
    body: 'Whoever shared it has withdrawn it. Ask them for a new link if you still need the results.',
  },
  unknown: {
    code: '404',
    title: 'No such share link',
    body: 'This link does not exist. Check that it was copied whole: share links end with 26 letters and digits.',
  },
};

/** What a shared view shows once the server says its link is gone (410) or unknown (404). */
export function ShareGone({ state }: { state: ShareGoneState }) {
  const t = TEXT[state];
  return (
    <div
      className="mx-auto flex max-w-lg flex-col items-center py-20 text-center"
      data-testid="share-gone"
      data-state={state}
    >
      <p className="font-mono text-sm text-accent">{t.code}</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">{t.title}</h1>
      <p className="mt-2 text-[13px] text-muted">{t.body}</p>
    </div>
  );
}
