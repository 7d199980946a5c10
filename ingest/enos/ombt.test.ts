// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { EnosContentError } from './common';
import { detectOmbt, parseOmbt } from './ombt';

const dir = path.resolve(__dirname, '../../fixtures/enos/ombt-orchestrator');
const file = fs.readdirSync(dir).find((f) => f.endsWith('.log'))!;
const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));

test('ombt2 controller output: clients and servers aggregated as ombt2 merges them', () => {
  expect(detectOmbt(bytes)).toBe(true);
  const { value, warnings } = parseOmbt(bytes, { fileName: file });
  expect(warnings).toEqual([]);
  expect(value.agents.map((a) => [a.role, a.msgs_ok, a.msgs_fail])).toEqual([
    ['client', 1000, 0],
    ['client', 997, 3],
    ['server', 1000, 0],
    ['server', 1000, 0],
  ]);
  const c = value.clients;
  expect(c.agents).toBe(2);
  expect(c.msgs_ok).toBe(1997);
  expect(c.msgs_fail).toBe(3);
  expect(c.duration_s).toBeCloseTo(21.273781538, 6);
  expect(c.rate).toBeCloseTo(94.01243481, 6);
  expect(c.latency_avg_ms).toBeCloseTo(21.266027085, 6);
  expect(c.latency_min_ms).toBeCloseTo(20.400160833, 6);
  expect(c.latency_max_ms).toBeCloseTo(26.447287167, 6);
  expect(c.latency_stddev_ms).toBeCloseTo(0.890332832, 6);
  expect(c.errors).toEqual({ 'Timed out waiting for a reply to message ID 7f3e': 3 });
  const s = value.servers;
  expect(s.rate).toBeCloseTo(94.097802147, 6);
  expect(s.latency_avg_ms).toBeCloseTo(10.70334855, 6);
  expect(s.latency_count).toBe(2000);
  const names = value.metrics.map((m) => `${m.name} ${m.unit}`);
  expect(names).toContain('ombt_client_rate msg/s');
  expect(names).toContain('ombt_server_latency_avg ms');
  expect(value.metrics.find((m) => m.name === 'ombt_client_msgs_fail')?.value).toBe(3);
  // The distribution survives (keys are strings once through JSON).
  expect(value.agents[0]!.latency.distribution['1']?.reduce((a, b) => a + b, 0)).toBe(1000);
});

test('errors point at the line and the JSON path', () => {
  const at = (text: string) => {
    try {
      parseOmbt(text);
    } catch (e) {
      expect(e).toBeInstanceOf(EnosContentError);
      return (e as EnosContentError).at;
    }
    throw new Error('no error');
  };
  expect(at('{}\n')).toBe('line 1');
  expect(at('{}\n{oops\n')).toBe('line 2');
  expect(at('{"a": {"msgs_ok": 1}}\n{}\n')).toBe('line 1 $["a"].latency');
  expect(at('{"a": {"msgs_ok": "1", "latency": {}}}\n{}\n')).toBe('line 1 $["a"].msgs_ok');
  expect(at('{}\n{"s": {"msgs_ok": 1, "latency": {"distribution": {"0": "x"}}}}\n')).toBe(
    'line 2 $["s"].latency.distribution["0"]',
  );
  const empty = parseOmbt('{}\n{}\n');
  expect(empty.value.clients.rate).toBeNull();
  expect(empty.warnings.map((w) => w.message)).toEqual(['no client results', 'no server results']);
  expect(detectOmbt('RPC call test results\n')).toBe(false);
});
