import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium } from '../test/browser/chromium.ts';

// npm test: every *.test.ts under src/ and test/, listed explicitly (Node 20's --test does not expand globs),
// run by node:test through tsx. Browser tests need Chromium; it is installed here when it can be.
const root = path.resolve(import.meta.dirname, '..');

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

const filter = process.argv.slice(2);
let files = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))].sort();
if (filter.length > 0) files = files.filter((file) => filter.some((part) => file.includes(part)));
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
if (files.some((file) => file.startsWith(path.join('test', 'browser')) || file.startsWith(path.join('test', 'security', 'xss')))) {
  const problem = ensureChromium();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
console.error(`Running ${files.length} test files${process.env.TEST_DATABASE_URL ? ' against the PostgreSQL server in TEST_DATABASE_URL' : ' against embedded PGlite'}.`);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
