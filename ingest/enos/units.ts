// tc(8) units as EnOS writes them into netem rules (`delay 25ms rate 100mbit loss 0.1%`).
// tc(8), "PARAMETERS": TIMES are `s|sec|secs`, `ms|msec|msecs`, `us|usec|usecs` and a bare
// number means microseconds; RATES are `bit` (or a bare number), `kbit mbit gbit tbit` (SI),
// `kibit mibit gibit tibit` (IEC), and the same with `bps` meaning bytes per second.
import { clean } from './common';

// The patterns below run on trimmed text: `^\s*(\d+)\s*([a-z]*)\s*$` backtracks over every
// split of a run of spaces between its two `\s*` (quadratic: 60,000 spaces took 14 s;
// docs/FUZZING.md).

/** A delay in milliseconds, or null when the text is not a tc time. */
export function tcTimeToMs(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? clean(value / 1000) : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(s|secs?|ms|msecs?|us|usecs?)?$/i.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'us').toLowerCase();
  if (unit.startsWith('ms')) return clean(n);
  if (unit.startsWith('us')) return clean(n / 1000);
  return clean(n * 1000);
}

const RATE_UNITS: Record<string, number> = {
  bit: 1,
  kbit: 1e3,
  mbit: 1e6,
  gbit: 1e9,
  tbit: 1e12,
  kibit: 1024,
  mibit: 1024 ** 2,
  gibit: 1024 ** 3,
  tibit: 1024 ** 4,
  bps: 8,
  kbps: 8e3,
  mbps: 8e6,
  gbps: 8e9,
  tbps: 8e12,
  kibps: 8 * 1024,
  mibps: 8 * 1024 ** 2,
  gibps: 8 * 1024 ** 3,
  tibps: 8 * 1024 ** 4,
};

/** A rate in Mbit/s, or null when the text is not a tc rate. */
export function tcRateToMbit(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? clean(value / 1e6) : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i.exec(value.trim());
  if (!m) return null;
  const factor = RATE_UNITS[(m[2] || 'bit').toLowerCase()];
  return factor === undefined ? null : clean((Number(m[1]) * factor) / 1e6);
}

/** A loss in percent: `0.1%`, `0.1` (enoslib's schema: a number, in percent). */
export function lossToPct(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*%?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 100 ? n : null;
}
