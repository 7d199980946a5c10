// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DETECT_HEAD_BYTES, detectRally, detectRallyHead } from './detect';

const FIXTURES = path.resolve(__dirname, '../../fixtures/rally');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(FIXTURES, rel)));
const enc = new TextEncoder();
const detect = (s: string) => detectRally(enc.encode(s));

describe('detectRally', () => {
  const files = readdirSync(path.join(FIXTURES, 'rally-3.3')).filter(
    (f) => f.endsWith('.json') && f !== 'expected-stats.json',
  );

  test('real files, whole or only their first bytes', () => {
    for (const f of files) {
      const bytes = read(`rally-3.3/${f}`);
      const want = f.endsWith('.old.json') ? 'rally-old-json' : 'rally-v2-json';
      expect(detectRally(bytes), f).toBe(want);
      expect(detectRally(bytes.subarray(0, DETECT_HEAD_BYTES)), f).toBe(want);
      expect(detectRally(bytes.subarray(0, 2000)), f).toBe(want);
    }
    const fuel = read('public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json');
    expect(detectRally(fuel)).toBe('rally-old-json');
    // Its first workload lists `hooks` first; `result` comes after ~1 KB.
    expect(detectRally(fuel.subarray(0, 1500))).toBe('rally-old-json');
  });

  test('the shapes, on complete documents', () => {
    expect(detect('[{"key": {}, "result": []}]')).toBe('rally-old-json');
    expect(detect(' \n{"info": {}, "tasks": []}')).toBe('rally-v2-json');
    expect(detect('{"tasks": [], "info": {}}')).toBe('rally-v2-json');
    expect(detect('[{"result": []}]')).toBeNull();
    expect(detect('[{"key": {}}]')).toBeNull();
    expect(detect('{"tasks": []}')).toBeNull();
    expect(detect('{"a": 1}')).toBeNull();
    expect(detect('[1, 2]')).toBeNull();
    expect(detect('[]')).toBeNull();
    expect(detect('"x"')).toBeNull();
    expect(detect('')).toBeNull();
  });

  test('heads cut anywhere', () => {
    expect(detect('[{"result": [{"duration": 1')).toBe('rally-old-json');
    expect(detect('[ {"key": {"name": "x"')).toBe('rally-old-json');
    expect(detect('{"info": {"format_version": "1.2"}, "tasks": [{"uuid"')).toBe('rally-v2-json');
    expect(detect('{"info": {"format_version": "1.2"}')).toBeNull();
    expect(detect('[{"hooks": [')).toBeNull();
  });

  test('detectRallyHead says when the head is not decisive yet', () => {
    expect(detectRallyHead(enc.encode('[{"hooks": [{"config": {"a": "xxxx'))).toBe('undecided');
    expect(detectRallyHead(enc.encode('{"info": {"format_version": "1.2"'))).toBe('undecided');
    expect(detectRallyHead(enc.encode('{"info": {}} '))).toBeNull();
    expect(detectRallyHead(enc.encode('[{"hooks": [], "x": 1}]'))).toBeNull();
    expect(detectRallyHead(enc.encode('[{"hooks": ]'))).toBeNull();
  });

  test('not JSON', () => {
    expect(detectRally(new Uint8Array([0x1f, 0x8b, 0x08, 0x00]))).toBeNull();
    expect(detect('<html><body>$scope.scenarios = [...]')).toBe('rally-html');
    expect(detectRallyHead(enc.encode('<!doctype html><html><head>'))).toBe('undecided');
    expect(detect('<?xml version="1.0"?><a/>')).toBeNull();
    expect(detect('[{"key": {}, "result": [] garbage')).toBe('rally-old-json');
    expect(detect('[{"kee\u0001')).toBeNull();
  });
});
