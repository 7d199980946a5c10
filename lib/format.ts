// Number, duration, byte and date formatting for the pages. Null means "does not exist"
// (CONTRACT.md): callers get null back and decide how to show it ("n/a", "unknown").

const NA = 'n/a';

/**
 * Seconds with 3 decimals, like Rally's "Total durations" table (it rounds with
 * `round(value, 3)`). Rally prints 5.78 where we print 5.780 so that columns line up.
 */
export function formatSeconds(value: number | null | undefined, digits = 3): string {
  if (value == null || !Number.isFinite(value)) return NA;
  return roundHalfEven(value, digits).toFixed(digits);
}

/**
 * Python's `round(x, d)` on the float's exact value: half-way cases go to the even neighbour.
 * `toFixed` rounds exact ties up (0.0625 → 0.063 where Python gives 0.062), so ties are detected
 * on the decimal expansion and settled here.
 */
export function roundHalfEven(value: number, digits: number): number {
  const exact = exactDecimal(value);
  const dot = exact.indexOf('.');
  if (dot < 0) return value;
  const frac = exact.slice(dot + 1);
  if (frac.length <= digits) return value;
  const tail = frac.slice(digits);
  if (tail === `5${'0'.repeat(tail.length - 1)}`) {
    const kept = exact.slice(0, dot + 1 + digits);
    const lastDigit = digits === 0 ? Number(exact[dot - 1]) : Number(kept[kept.length - 1]);
    const down = Number(kept);
    if (lastDigit % 2 === 0) return down;
    const unit = 10 ** -digits;
    return Number((down + Math.sign(value) * unit).toFixed(digits));
  }
  return Number(value.toFixed(digits));
}

/** The exact decimal expansion of a double (doubles are dyadic rationals, so it is finite). */
function exactDecimal(value: number): string {
  // toFixed accepts up to 100 digits, enough for every double in the range we show (> 1e-30).
  const s = Math.abs(value).toFixed(100).replace(/0+$/, '').replace(/\.$/, '');
  return value < 0 ? `-${s}` : s;
}

/**
 * Seconds for charts and tooltips: 3 decimals from 0.1 s up (like the table), 3 significant
 * digits below, so sub-millisecond values (Rally's Dummy scenarios) do not all read 0.000.
 */
export function formatSecondsAuto(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return NA;
  if (value === 0) return '0';
  if (Math.abs(value) >= 0.1) return formatSeconds(value);
  return String(Number(value.toPrecision(3)));
}

/** Percentage with one decimal, like Rally's success column ("100.0%"). */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return NA;
  return `${value.toFixed(digits)}%`;
}

/** Integer counts with thousands separators: 1000000 → "1,000,000". */
export function formatCount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return NA;
  return Math.round(value).toLocaleString('en-US');
}

/** A plain number, at most `digits` decimals, trailing zeros removed: 2.50 → "2.5". */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value == null || !Number.isFinite(value)) return NA;
  return Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * A duration for people: 0.042 → "42 ms", 12.345 → "12.3 s", 322 → "5 min 22 s",
 * 5000 → "1 h 23 min", 200000 → "2 d 7 h".
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return NA;
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 1) {
    const ms = s * 1000;
    return `${sign}${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)} ms`;
  }
  if (s < 60) return `${sign}${Number(s.toFixed(s < 10 ? 2 : 1))} s`;
  const total = Math.round(s);
  if (total < 3600) {
    const m = Math.floor(total / 60);
    const r = total % 60;
    return `${sign}${m} min${r ? ` ${r} s` : ''}`;
  }
  if (total < 86400) {
    const h = Math.floor(total / 3600);
    const m = Math.round((total % 3600) / 60);
    return m === 60 ? `${sign}${h + 1} h` : `${sign}${h} h${m ? ` ${m} min` : ''}`;
  }
  const d = Math.floor(total / 86400);
  const h = Math.round((total % 86400) / 3600);
  return h === 24 ? `${sign}${d + 1} d` : `${sign}${d} d${h ? ` ${h} h` : ''}`;
}

/** Bytes with decimal (SI) units like tshark: 1234 → "1.23 kB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return NA;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const sign = bytes < 0 ? '−' : '';
  if (u === 0) return `${sign}${v} B`;
  return `${sign}${Number(v.toPrecision(3))} ${units[u]}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function toDate(value: string | number | Date): Date | null {
  const d =
    value instanceof Date
      ? value
      : typeof value === 'number'
        ? new Date(value * 1000)
        : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A date-time in UTC, "2026-11-24 15:00 UTC" (ISO strings, Dates, or epoch seconds as the API
 * sends them). UTC everywhere: experiments span sites and readers in several time zones.
 */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  opts: { seconds?: boolean; millis?: boolean; zone?: boolean } = {},
): string {
  if (value == null) return NA;
  const d = toDate(value);
  if (!d) return NA;
  let s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}`;
  if (opts.seconds || opts.millis) s += `:${pad(d.getUTCSeconds())}`;
  if (opts.millis) s += `.${pad(d.getUTCMilliseconds(), 3)}`;
  if (opts.zone !== false) s += ' UTC';
  return s;
}

/** Just the date, "2026-11-24". */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value == null) return NA;
  const d = toDate(value);
  if (!d) return NA;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The first characters of a hash, "9f2c1d0a44b5". */
export function shortHash(hash: string | null | undefined, length = 12): string {
  if (!hash) return NA;
  return hash.slice(0, length);
}

/**
 * A factor value as text. Null (unknown) gives null so the caller can style "unknown".
 * Maps print as "key: value, …", lists comma-separated.
 */
export function formatFactorValue(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'number') return formatNumber(value, 3);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => formatFactorValue(v) ?? 'unknown').join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${formatFactorValue(v) ?? 'unknown'}`)
      .join(', ');
  }
  return String(value);
}
