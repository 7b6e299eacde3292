// @ts-check
'use strict';
// Builds the last version of the extension that held a single NCX connection, from this clone's
// history, for the UI check that starts the current version on the profile it left
// (test/ui/carryOverInDom.ts). The source of that commit is unpacked into
// test-artifacts/earlier-build and bundled with this checkout's dependencies (the two versions
// declare the same ones).
//   node scripts/build-earlier-version.js      prints the built folder
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The parent of the commit that brought named connections (dda51a4). */
const SINGLE_CONNECTION_COMMIT = '6c9c833b7ef7c014645b7703f18f547ec5a86709';

const repo = path.resolve(__dirname, '..');
const target = path.join(repo, 'test-artifacts', 'earlier-build');

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`build-earlier-version: ${message}`);
  process.exit(2);
}

try {
  execFileSync('git', ['cat-file', '-e', `${SINGLE_CONNECTION_COMMIT}^{commit}`], { cwd: repo, stdio: 'ignore' });
} catch {
  fail(`commit ${SINGLE_CONNECTION_COMMIT.slice(0, 7)} (the single-connection version) is not in this clone's history; clone the repository without --depth`);
}
if (!fs.existsSync(path.join(repo, 'node_modules', 'esbuild'))) fail('esbuild is missing: run npm ci first');

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
const archive = execFileSync('git', ['archive', '--format=tar', SINGLE_CONNECTION_COMMIT], { cwd: repo, maxBuffer: 256 * 1024 * 1024 });
execFileSync('tar', ['-x', '-C', target], { input: archive });
fs.symlinkSync(path.join(repo, 'node_modules'), path.join(target, 'node_modules'), 'dir');
execFileSync(process.execPath, ['esbuild.js'], { cwd: target, stdio: ['ignore', 'ignore', 'inherit'] });
for (const bundle of ['extension.js', 'sandbox.js']) {
  if (!fs.existsSync(path.join(target, 'dist', bundle))) fail(`the build of ${SINGLE_CONNECTION_COMMIT.slice(0, 7)} left no dist/${bundle}`);
}
console.log(path.relative(process.cwd(), target) || '.');
