#!/usr/bin/env node
// The edgeperf CLI. Runs the TypeScript sources through tsx so the CLI, the server and the
// tests share one code path with no separate build step.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const { main } = require('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
