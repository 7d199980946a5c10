// Runs a command under /usr/bin/time -v and returns its wall time and peak RSS.
import { spawnSync } from 'node:child_process';

export interface Measured {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

export function measure(cmd: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const res = spawnSync('/usr/bin/time', ['-v', ...cmd], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (res.status !== 0) {
    throw new Error(`${cmd.join(' ')} exited ${res.status}:\n${res.stderr.slice(-2000)}`);
  }
  const wall = res.stderr.match(
    /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/,
  );
  const rss = res.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  if (!wall || !rss) throw new Error(`no timing from /usr/bin/time:\n${res.stderr.slice(-1000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, peakRssMb: Number(rss[1]) / 1024, stdout: res.stdout };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = (s.length - 1) * p;
  const f = Math.floor(k);
  const c = Math.ceil(k);
  return f === c ? s[f]! : s[f]! + (s[c]! - s[f]!) * (k - f);
}
