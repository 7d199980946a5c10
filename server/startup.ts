// What `npm start` does before Next.js serves: migrate the store, load the demo data into a
// new store, make sure a write token exists. Called from scripts/start.mjs.
import { writeToken, tokenFile } from './auth/token';
import { openDatabase } from './database';
import { loadDemo } from './demo';
import { databaseUrl, shownStore } from './paths';

export async function prepareStore(
  log: (line: string) => void,
): Promise<{ token: string; tokenFromEnv: boolean }> {
  const url = databaseUrl();
  const db = await openDatabase(url);
  try {
    log(`store: ${shownStore(url)}${db.created ? ' (new)' : ''}`);
    if (db.created && process.env.EDGEPERF_DEMO !== '0') {
      const reports = await loadDemo(db);
      const runs = reports.flatMap((r) => r.runs).filter((r) => r.created).length;
      const errors = reports.flatMap((r) => r.errors);
      log(`demo data: ${runs} run(s) loaded`);
      for (const e of errors) log(`demo data error: ${e.path}: ${e.message}`);
    }
  } finally {
    await db.close();
  }
  const tokenFromEnv = Boolean(process.env.EDGEPERF_TOKEN);
  const token = writeToken();
  if (!tokenFromEnv) log(`write token: ${token} (kept in ${tokenFile()})`);
  else log('write token: from EDGEPERF_TOKEN');
  return { token, tokenFromEnv };
}
