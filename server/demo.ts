// The demo data set: real tools' output listed in demo/manifest.json, loaded into a new store
// through the same ingest pipeline as everything else.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ingestInputs, type IngestReport } from './ingest/pipeline';
import type { Db } from './database';

const manifestSchema = z.object({
  inputs: z.array(
    z.object({
      path: z.string(),
      campaign: z.string().nullable().default(null),
      /** Address → site map for captures: `name=CIDR,…` as the CLI's --sites. */
      sites: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
});

export function demoRoot(): string {
  return path.resolve(__dirname, '..');
}

export async function loadDemo(db?: Db, root = demoRoot()): Promise<IngestReport[]> {
  const manifest = manifestSchema.parse(
    JSON.parse(fs.readFileSync(path.join(root, 'demo', 'manifest.json'), 'utf8')),
  );
  const reports: IngestReport[] = [];
  for (const input of manifest.inputs) {
    const sites = input.sites?.split(',').map((part) => {
      const [name, cidr] = part.split('=') as [string, string];
      return { name, cidr };
    });
    reports.push(
      await ingestInputs([path.join(root, input.path)], { campaign: input.campaign, db, sites }),
    );
  }
  return reports;
}
