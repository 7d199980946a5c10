// Rally hooks (e.g. fault injection: "kill rabbitmq at iteration 60") as the page shows them.
// Two shapes exist: the 2017 one (`config: {name, args, trigger: {name, args}}`, error as
// `{etype, msg, details}`) and the later one (`config: {action: {name: args}, trigger: {name:
// args}, description}`, error as a list or `{type, message, traceback}`) — DOMAIN.md.

export interface HookRun {
  hook: string;
  description: string | null;
  trigger: string;
  status: string;
  /** What triggered it: `iteration` + index (1-based as Rally counts) or `time` + seconds. */
  triggeredBy: { type: string; value: number } | null;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function describeTrigger(trigger: unknown): string {
  if (!isObj(trigger)) return 'n/a';
  // 2017: {name: "event", args: {unit, at}}; later: {event: {unit, at}}
  const [name, args] =
    typeof trigger.name === 'string'
      ? [trigger.name, trigger.args]
      : (Object.entries(trigger)[0] ?? ['n/a', null]);
  if (isObj(args)) {
    const unit = typeof args.unit === 'string' ? args.unit : '';
    if (Array.isArray(args.at)) return `${name}: ${unit} ${args.at.join(', ')}`.trim();
    const parts = ['start', 'end', 'step']
      .filter((k) => args[k] != null)
      .map((k) => `${k} ${String(args[k])}`);
    if (parts.length) return `${name}: ${unit} ${parts.join(', ')}`.trim();
  }
  return String(name);
}

function hookName(config: Obj): string {
  if (typeof config.name === 'string') return config.name;
  if (isObj(config.action)) {
    const [k, v] = Object.entries(config.action)[0] ?? [];
    if (k) return isObj(v) || v == null ? k : `${k} ${JSON.stringify(v)}`;
  }
  return 'hook';
}

function errorText(e: unknown): string | null {
  if (e == null) return null;
  if (Array.isArray(e)) return e.length ? e.slice(0, 2).map(String).join(': ') : null;
  if (isObj(e)) {
    const type = e.type ?? e.etype;
    const msg = e.message ?? e.msg;
    return (
      [type, msg]
        .filter((x) => x != null && x !== '' && x !== 'n/a')
        .map(String)
        .join(': ') || null
    );
  }
  return String(e);
}

export function hookRuns(hooks: unknown[]): HookRun[] {
  const out: HookRun[] = [];
  for (const h of hooks) {
    if (!isObj(h)) continue;
    const config = isObj(h.config) ? h.config : h;
    const base = {
      hook: hookName(config),
      description:
        typeof config.description === 'string'
          ? config.description
          : isObj(config.args) && typeof config.args.action === 'string'
            ? config.args.action
            : null,
      trigger: describeTrigger(config.trigger),
    };
    const results = Array.isArray(h.results) ? h.results : [];
    if (results.length === 0) {
      out.push({
        ...base,
        status: 'not run',
        triggeredBy: null,
        startedAt: null,
        finishedAt: null,
        error: null,
      });
      continue;
    }
    for (const r of results) {
      if (!isObj(r)) continue;
      const tb = isObj(r.triggered_by) ? r.triggered_by : null;
      const value = num(tb?.value);
      out.push({
        ...base,
        status: typeof r.status === 'string' ? r.status : 'n/a',
        triggeredBy: tb && value != null ? { type: String(tb.event_type ?? 'n/a'), value } : null,
        startedAt: num(r.started_at),
        finishedAt: num(r.finished_at),
        error: errorText(r.error),
      });
    }
  }
  return out;
}
