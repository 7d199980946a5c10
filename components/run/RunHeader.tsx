import Link from 'next/link';
import { Badge, Unknown } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { factorLabel, sortFactorKeys } from '@/components/runs/factorKeys';
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatFactorValue,
  formatNumber,
  shortHash,
} from '@/lib/format';
import type { Run } from '@/lib/apiTypes';
import { FactorEditor } from './FactorEditor';
import { SourcePath } from './SourcePath';

export function RunHeader({ run }: { run: Run }) {
  // Known factors first (canonical order), then the unknown ones.
  const sorted = sortFactorKeys(Object.keys(run.factors));
  const knownKeys = sorted.filter((k) => run.factors[k]?.value != null);
  const unknownKeys = sorted.filter((k) => run.factors[k]?.value == null);
  // Many unknown factors (a bare Rally file) fold into one row so the known ones stand out.
  const foldUnknown = unknownKeys.length > 4;
  const factorKeys = foldUnknown ? knownKeys : [...knownKeys, ...unknownKeys];
  const known = knownKeys.length;
  const total = sorted.length;
  const iterations = run.workloads.reduce((a, w) => a + w.iterations, 0);
  const failures = run.workloads.reduce((a, w) => a + w.failures, 0);
  return (
    <div className="space-y-4">
      <div>
        <nav aria-label="Breadcrumb" className="no-print mb-1 text-xs text-muted">
          <Link href="/" className="hover:text-fg hover:underline">
            Runs
          </Link>
          <span className="mx-1.5 text-faint">/</span>
          <span className="font-mono">{run.id}</span>
        </nav>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1
            className="min-w-0 text-xl font-semibold tracking-tight break-all sm:text-2xl"
            data-testid="run-name"
          >
            {run.name}
          </h1>
          {failures > 0 ? (
            <Badge tone="bad">
              {formatCount(failures)} failed iteration{failures === 1 ? '' : 's'}
            </Badge>
          ) : iterations > 0 ? (
            <Badge tone="good">no failures</Badge>
          ) : null}
          <a
            href={`/api/runs/${encodeURIComponent(run.id)}`}
            className="no-print ml-auto rounded-md border border-border bg-surface px-2.5 py-1 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
            title="The run as the API returns it (JSON)"
          >
            JSON
          </a>
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-[13px]">
          <Meta label="Campaign">
            {run.campaign?.name ?? <span className="text-faint">none</span>}
          </Meta>
          <Meta label="Created">{formatDateTime(run.createdAt)}</Meta>
          <Meta label="Workloads">{formatCount(run.workloads.length)}</Meta>
          <Meta label="Iterations">{formatCount(iterations)}</Meta>
          <Meta label="Fingerprint">
            <span
              className="font-mono text-xs"
              title="Runs with the same fingerprint are repetitions"
            >
              {run.fingerprint}
            </span>
          </Meta>
        </dl>
      </div>

      <div className="grid gap-4 xl:grid-cols-2">
        <Panel
          title="Factors"
          subtitle={`${known} of ${total} known · provenance of each value`}
          actions={<FactorEditor runId={run.id} factors={run.factors} />}
          bodyClassName=""
        >
          {total === 0 ? (
            <p className="px-4 py-6 text-center text-[13px] text-muted">
              No factors recorded for this run.
            </p>
          ) : (
            <table className="w-full text-[13px]" data-testid="factors-table">
              {known > 0 && (
                <thead>
                  <tr className="border-b border-border text-left text-xs text-muted">
                    <th className="px-4 py-2 font-medium">Factor</th>
                    <th className="px-4 py-2 font-medium">Value</th>
                    <th className="hidden px-4 py-2 font-medium sm:table-cell">Source</th>
                  </tr>
                </thead>
              )}
              <tbody>
                {factorKeys.map((k) => {
                  const f = run.factors[k];
                  const text = formatFactorValue(f?.value ?? null);
                  return (
                    <tr key={k} className="border-b border-border last:border-b-0">
                      <td className="px-4 py-1.5 text-muted sm:whitespace-nowrap">
                        {factorLabel(k)}
                        <span className="block font-mono text-[11px] text-faint sm:ml-1.5 sm:inline">
                          {k}
                        </span>
                      </td>
                      <td className="px-4 py-1.5 font-medium break-words">
                        {text == null ? <Unknown /> : text}
                        {f?.source && (
                          <div className="mt-0.5 text-[11px] font-normal text-muted sm:hidden">
                            <SourcePath source={f.source} />
                          </div>
                        )}
                      </td>
                      <td className="hidden px-4 py-1.5 text-[11px] text-muted sm:table-cell">
                        {f?.source ? (
                          <SourcePath source={f.source} />
                        ) : (
                          <span className="text-faint">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
                {foldUnknown && (
                  <tr data-testid="unknown-factors">
                    <td className="px-4 py-2 align-top text-muted sm:whitespace-nowrap">
                      <Unknown label={`unknown (${unknownKeys.length})`} />
                    </td>
                    <td colSpan={2} className="px-4 py-2">
                      <div className="flex flex-wrap gap-1">
                        {unknownKeys.map((k) => (
                          <span
                            key={k}
                            title={`${factorLabel(k)}: unknown`}
                            className="rounded border border-dashed border-border-strong px-1.5 py-px font-mono text-[11px] text-muted"
                          >
                            {k}
                          </span>
                        ))}
                      </div>
                      <p className="mt-1.5 text-xs text-faint">
                        Not found in the inputs. Set them with{' '}
                        <code className="font-mono">edgeperf ingest --set key=value</code> or an{' '}
                        <code className="font-mono">edgeperf.yaml</code> next to the results.
                      </p>
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Panel>

        <div className="space-y-4">
          <Panel title="Sources" subtitle="Files this run was ingested from" bodyClassName="">
            {run.sources.length === 0 ? (
              <p className="px-4 py-6 text-center text-[13px] text-muted">
                No source files recorded.
              </p>
            ) : (
              <ul className="divide-y divide-border">
                {run.sources.map((s) => (
                  <li
                    key={`${s.path}:${s.sha256}`}
                    className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-[13px]"
                  >
                    <span className="w-full min-w-0 font-mono text-[12px] break-all sm:w-auto sm:flex-1">
                      {s.path}
                    </span>
                    <Badge tone="accent">{s.parser}</Badge>
                    <span className="font-mono text-[11px] text-muted" title={`sha256 ${s.sha256}`}>
                      sha256 {shortHash(s.sha256)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          {run.metrics.length > 0 && (
            <Panel title="Metrics" bodyClassName="">
              <ul className="divide-y divide-border">
                {run.metrics.map((m) => (
                  <li key={m.name} className="flex justify-between gap-3 px-4 py-2 text-[13px]">
                    <span className="font-mono text-[12px] text-muted">{m.name}</span>
                    <span className="font-medium">
                      {formatNumber(m.value)} {m.unit}
                    </span>
                  </li>
                ))}
              </ul>
            </Panel>
          )}
          {run.captures.length > 0 && (
            <Panel title="Traffic captures" bodyClassName="">
              <ul className="divide-y divide-border">
                {run.captures.map((c) => (
                  <li
                    key={c.id}
                    className="flex flex-wrap justify-between gap-3 px-4 py-2 text-[13px]"
                  >
                    <span className="font-mono text-[12px] break-all">{c.file}</span>
                    <span className="text-muted">
                      {formatCount(c.packets)} packets · {formatBytes(c.bytes)}
                    </span>
                  </li>
                ))}
              </ul>
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-muted">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
