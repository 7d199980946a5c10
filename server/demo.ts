// The demo data set: real tools' output listed in demo/manifest.json, loaded into a new store
// through the same ingest pipeline as everything else.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ingestInputs, type IngestReport } from './ingest/pipeline';
import type { Sqlite } from './sqlite';

const manifestSchema = z.object({
  inputs: z.array(
    z.object({
      path: z.string(),
      campaign: z.string().nullable().default(null),
      note: z.string().optional(),
    }),
  ),
});

export function demoRoot(): string {
  return path.resolve(__dirname, '..');
}

export async function loadDemo(db?: Sqlite, root = demoRoot()): Promise<IngestReport[]> {
  const manifest = manifestSchema.parse(
    JSON.parse(fs.readFileSync(path.join(root, 'demo', 'manifest.json'), 'utf8')),
  );
  const reports: IngestReport[] = [];
  for (const input of manifest.inputs) {
    reports.push(await ingestInputs([path.join(root, input.path)], { campaign: input.campaign, db }));
  }
  return reports;
}
