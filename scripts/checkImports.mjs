#!/usr/bin/env node
// Enforces the dependency direction of STYLE.md §2 (views → hooks → API → store ← ingest), like
// Perfetto's python/tools/check_imports.py: each top folder may import only from its allowlist.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// Allowed project folders per importing folder ('app' pages differ from 'app/api').
const ALLOW = {
  'app/api': ['server', 'lib', 'app/api'],
  app: ['app', 'components', 'lib'],
  components: ['components', 'lib'],
  server: ['server', 'ingest', 'lib'],
  ingest: ['ingest', 'lib'],
  lib: ['lib'],
};
// Packages a folder must not import at all.
const BANNED = {
  app: [/^@prisma\//, /^better-sqlite3$/],
  components: [/^@prisma\//, /^better-sqlite3$/, /^node:/],
  lib: [/^@prisma\//, /^better-sqlite3$/, /^node:/],
  ingest: [/^@prisma\//, /^better-sqlite3$/, /^node:(fs|buffer|child_process|net)/, /^(fs|buffer)$/],
};

// Narrow exceptions: an importing file → the exact modules it may import beyond its folder's
// allowlist. Each one says why; everything else keeps the rule.
const EXCEPTIONS = {
  // Issue 5: the compare page reads the comparison on the server and hands it to TanStack Query
  // (HydrationBoundary), so the first HTML carries the data. This module alone, imported only by
  // the page's server component (app/compare/page.tsx), reads it, with the access rules of
  // GET /api/compare (server/auth/access.ts).
  'app/compare/_data.ts': ['server/queries/getComparison', 'server/auth/access'],
};

/** The project path `spec` names from `fromFile`, without extension; null for a package. */
function targetModule(fromFile, spec) {
  let rel;
  if (spec.startsWith('@/')) rel = spec.slice(2);
  else if (spec.startsWith('.')) rel = path.relative(root, path.resolve(path.dirname(fromFile), spec));
  else return null;
  return rel.replace(/\.(ts|tsx|mjs|js)$/, '');
}

function areaOf(rel) {
  // Route handlers (app/api/**, app/r/[slug]/route.ts) are server code; pages are views.
  if (rel.startsWith('app/api/') || (rel.startsWith('app/') && /\/route\.ts$/.test(rel))) return 'app/api';
  const top = rel.split('/')[0];
  return top in ALLOW ? top : null;
}

function targetArea(fromFile, spec) {
  let rel;
  if (spec.startsWith('@/')) rel = spec.slice(2);
  else if (spec.startsWith('.')) rel = path.relative(root, path.resolve(path.dirname(fromFile), spec));
  else return null;
  return areaOf(rel) ?? rel.split('/')[0];
}

const problems = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'generated' && e.name !== 'node_modules') walk(full);
    } else if (/\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) check(full);
  }
};

function check(file) {
  const rel = path.relative(root, file);
  const area = areaOf(rel);
  if (!area) return;
  // Type-only imports are erased at build time: a view may name a parser's output type.
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*(import|export)\s+type\s[^;]*;/gm, '');
  const specs = [...new Set([...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]))];
  for (const spec of specs) {
    const target = targetArea(file, spec);
    if (target !== null) {
      const excepted = EXCEPTIONS[rel]?.includes(targetModule(file, spec)) ?? false;
      if (!excepted && !ALLOW[area].includes(target) && !(area === 'app/api' && target === 'app')) {
        problems.push(`${rel}: imports ${spec} (${area}/ may import only ${ALLOW[area].join(', ')})`);
      }
      continue;
    }
    const banned = BANNED[area === 'app/api' ? 'none' : area] ?? [];
    if (banned.some((re) => re.test(spec))) problems.push(`${rel}: imports ${spec}, banned in ${area}/`);
  }
}

for (const dir of Object.keys(ALLOW)) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
if (problems.length) {
  console.error(`check-imports: ${problems.length} import(s) break the dependency rules (STYLE.md §2):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('check-imports: ok');
