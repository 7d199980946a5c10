#!/usr/bin/env node
// Entry point of an upload job's worker process: `node scripts/jobWorker.mjs JOB_ID`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const { runJob } = require('../server/jobs/worker.ts');
process.exitCode = await runJob(process.argv[2]);
