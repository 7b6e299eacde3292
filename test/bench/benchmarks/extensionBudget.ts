// 5. The extension as shipped: the size of dist/extension.js built with `esbuild.js --production`
// (beside the development build), the packaged .vsix (vsce, run with npx), and, in the real VS
// Code of the test harness, the activation time and the requests made before the view is shown.
// Everything is built in this run's own folder; the checkout's dist/ is left alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { z } from 'zod';
import type { BenchContext } from '../lib/context';
import { runCommand, tail } from '../lib/processes';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { REPO_ROOT } from '../lib/sandboxChild';
import { bytes, ms } from '../lib/stats';
import { ActivationFiguresSchema, type ActivationFigures } from '../vscode/activationFigures';

const BENCH = '5 extension';
const BUNDLE_TARGET_BYTES = 250 * 1024;
const VSIX_TARGET_BYTES = 400 * 1024;
const ACTIVATION_TARGET_MS = 100;
const HARNESS_TIMEOUT_S = 240;
/** VS Code runs of the real extension (one activation each); the median counts. */
const ACTIVATION_RUNS = 5;
const EMPTY_EXTENSION_RUNS = 2;
const PROBE_MODULE = path.join(REPO_ROOT, 'out', 'test', 'bench', 'vscode', 'activationProbe.js');
/** What the build and the package read from the checkout. */
const PACKAGE_FILES = ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'esbuild.js'];

const ManifestSchema = z.looseObject({ activationEvents: z.array(z.string()).default([]) });

/**
 * A folder that looks like the checkout to esbuild.js and vsce (sources and dependencies linked,
 * manifest and media copied), so builds land in it and not in the checkout's dist/.
 */
function stageCheckout(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of PACKAGE_FILES) {
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(dir, file));
  }
  fs.cpSync(path.join(REPO_ROOT, 'media'), path.join(dir, 'media'), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'src'), path.join(dir, 'src'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}

async function build(dir: string, production: boolean): Promise<number> {
  const finished = await runCommand(process.execPath, ['esbuild.js', ...(production ? ['--production'] : [])], { cwd: dir, timeoutMs: 120_000 });
  if (finished.status !== 0) {
    throw new Error(`esbuild.js${production ? ' --production' : ''} failed:\n${tail(finished.output)}`);
  }
  return fs.statSync(path.join(dir, 'dist', 'extension.js')).size;
}

interface VsixFigures {
  bytes: number;
  how: string;
}

/** `vsce package` as a publisher would run it (its prepublish script makes the production build). */
async function packageVsix(dir: string): Promise<VsixFigures> {
  const version = await runCommand('npm', ['view', '@vscode/vsce', 'version'], { cwd: dir, timeoutMs: 60_000 });
  const vsceVersion = version.output.trim().split('\n').pop() ?? '';
  if (version.status !== 0 || !/^\d+\.\d+\.\d+$/.test(vsceVersion)) {
    throw new Error(`npm view @vscode/vsce version failed:\n${tail(version.output)}`);
  }
  const out = path.join(dir, 'workitem-inspector.vsix');
  const packaged = await runCommand(
    'npx',
    ['--yes', `@vscode/vsce@${vsceVersion}`, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out],
    { cwd: dir, timeoutMs: 180_000 },
  );
  if (packaged.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`vsce package failed:\n${tail(packaged.output)}`);
  }
  return { bytes: fs.statSync(out).size, how: `@vscode/vsce ${vsceVersion} package (${ms(packaged.ms)})` };
}

/**
 * When vsce cannot run: the kept files (dist/*.js, media, manifest, README, LICENSE, as
 * .vscodeignore lists them) deflated one by one as a zip stores them, plus its per-file headers.
 */
function estimateVsix(dir: string): VsixFigures {
  const kept = ['dist/extension.js', 'dist/sandbox.js', 'package.json', 'README.md', 'LICENSE'];
  for (const file of fs.readdirSync(path.join(dir, 'media'))) {
    kept.push(`media/${file}`);
  }
  const ZIP_ENTRY_OVERHEAD = 30 + 46 + 2 * 40;
  const total = kept.reduce((sum, file) => sum + zlib.deflateRawSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length + ZIP_ENTRY_OVERHEAD, 0);
  return { bytes: total, how: `estimate: the ${kept.length} files .vscodeignore keeps, deflated (vsce could not run)` };
}

/**
 * The production extension as VS Code would install it, except that it does not activate at
 * startup by itself: the probe activates it, so the moment (and the time) is the probe's to measure.
 */
function stageExtension(buildDir: string, dir: string): void {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  for (const file of ['dist/extension.js', 'dist/sandbox.js', 'README.md', 'LICENSE']) {
    fs.copyFileSync(path.join(buildDir, file), path.join(dir, file));
  }
  fs.cpSync(path.join(buildDir, 'media'), path.join(dir, 'media'), { recursive: true });
  const manifest = ManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(buildDir, 'package.json'), 'utf8')));
  manifest.activationEvents = manifest.activationEvents.filter((event) => event !== 'onStartupFinished' && event !== '*');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

/**
 * An extension with the same id whose activate() does nothing: its activation time is what the
 * extension host itself spends on any activation (context, storage, the calls around it).
 */
function stageEmptyExtension(dir: string): void {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  const manifest = z.looseObject({ name: z.string(), publisher: z.string(), version: z.string(), engines: z.unknown() }).parse(
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')),
  );
  const { name, publisher, version, engines } = manifest;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, publisher, version, engines, main: './dist/extension.js', activationEvents: [] }, null, 2));
  fs.writeFileSync(path.join(dir, 'dist', 'extension.js'), "'use strict';\nexports.activate = function activate() {};\nexports.deactivate = function deactivate() {};\n");
}

async function measureActivation(extensionDir: string, outFile: string): Promise<ActivationFigures> {
  if (!fs.existsSync(PROBE_MODULE)) {
    throw new Error(`compile the tests first: ${PROBE_MODULE} is missing`);
  }
  const finished = await runCommand('bash', [path.join(REPO_ROOT, 'scripts', 'harness', 'vscode-harness.sh'), 'test', PROBE_MODULE], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      WORKITEM_HARNESS_EXTENSION_DIR: extensionDir,
      WORKITEM_HARNESS_TIMEOUT_S: String(HARNESS_TIMEOUT_S),
      WORKITEM_BENCH_OUT: outFile,
      // `BENCH_ACTIVATION_PROFILE=file.cpuprofile npm run bench` profiles the activation in VS Code.
      ...(process.env.BENCH_ACTIVATION_PROFILE ? { WORKITEM_BENCH_PROFILE: path.resolve(process.env.BENCH_ACTIVATION_PROFILE) } : {}),
    },
    timeoutMs: (HARNESS_TIMEOUT_S + 90) * 1000,
  });
  if (finished.status !== 0 || !fs.existsSync(outFile)) {
    throw new Error(`the harness run failed (status ${finished.status}):\n${tail(finished.output, 25)}`);
  }
  say(`harness run: ${ms(finished.ms)} (VS Code server, Chromium, probe)`);
  return ActivationFiguresSchema.parse(JSON.parse(fs.readFileSync(outFile, 'utf8')));
}

export async function runExtensionBudget(context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: bundle, package and activation`);
  const buildDir = path.join(context.tempDir, 'checkout');
  stageCheckout(buildDir);
  const devBytes = await build(buildDir, false);
  const productionBytes = await build(buildDir, true);
  say(`dist/extension.js: production (minified) ${bytes(productionBytes)}; development build ${bytes(devBytes)} (source map kept apart)`);
  const results: BenchResult[] = [
    {
      bench: '5 extension bundle',
      figure: `dist/extension.js ${bytes(productionBytes)} minified`,
      target: `≤ ${bytes(BUNDLE_TARGET_BYTES)}`,
      comparison: `development build ${bytes(devBytes)}`,
      verdict: verdictOf(productionBytes <= BUNDLE_TARGET_BYTES),
    },
  ];

  let vsix: VsixFigures;
  try {
    vsix = await packageVsix(buildDir);
  } catch (error) {
    say(`vsce: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await build(buildDir, true);
    vsix = estimateVsix(buildDir);
  }
  const sandboxBytes = fs.statSync(path.join(buildDir, 'dist', 'sandbox.js')).size;
  say(`.vsix: ${bytes(vsix.bytes)} by ${vsix.how}; it carries dist/extension.js ${bytes(productionBytes)} and dist/sandbox.js ${bytes(sandboxBytes)}`);
  results.push({
    bench: '5 vsix',
    figure: `${bytes(vsix.bytes)}`,
    target: `≤ ${bytes(VSIX_TARGET_BYTES)}`,
    comparison: `unpacked: extension ${bytes(productionBytes)} + sandbox ${bytes(sandboxBytes)}; ${vsix.how}`,
    verdict: verdictOf(vsix.bytes <= VSIX_TARGET_BYTES),
  });

  const extensionDir = path.join(context.tempDir, 'extension');
  stageExtension(buildDir, extensionDir);
  const runs: ActivationFigures[] = [];
  for (let run = 0; run < ACTIVATION_RUNS; run++) {
    runs.push(await measureActivation(extensionDir, path.join(context.tempDir, `activation-${run}.json`)));
  }
  // The run with the median activation stands for all; every run must have kept the view's rules.
  const figures = [...runs].sort((a, b) => a.activationMs - b.activationMs)[Math.floor(runs.length / 2)];
  const quietWhileHidden = runs.every((run) => run.requestsHidden === 0 && run.statusHidden === 'idle' && run.requestsShown > 0);
  const emptyDir = path.join(context.tempDir, 'empty-extension');
  stageEmptyExtension(emptyDir);
  const emptyRuns: ActivationFigures[] = [];
  for (let run = 0; run < EMPTY_EXTENSION_RUNS; run++) {
    emptyRuns.push(await measureActivation(emptyDir, path.join(context.tempDir, `activation-empty-${run}.json`)));
  }
  const empty = [...emptyRuns].sort((a, b) => a.activationMs - b.activationMs)[0];
  say(
    `activation in VS Code as its Running Extensions view counts it (loading the code + the activate() call), ${ACTIVATION_RUNS} runs: ` +
      `${runs.map((run) => `${ms(run.activationMs)} (load ${ms(run.loadMs)} + activate ${ms(run.activateCallMs)})`).join(', ')}` +
      `${runs.some((run) => run.wasActive) ? ' (ALREADY ACTIVE in a run: not measured)' : ''}`,
  );
  say(`view hidden: connection ${figures.statusHidden}, ${figures.requestsHidden} API requests in ${ms(figures.hiddenWaitMs)} after activation (all runs: ${runs.map((run) => run.requestsHidden).join(', ')})`);
  say(
    `view shown: first API request after ${ms(figures.firstRequestAfterShownMs ?? Number.NaN)}, ${figures.requestsShown} API requests, connection ${figures.statusShown} ` +
      `(e.g. ${figures.sampleRequests.slice(0, 3).join(', ')})`,
  );
  say(
    `extension.activate() end to end after loading (adds the extension host's own set-up of the context: storage, secrets): ` +
      `${runs.map((run) => ms(run.activateMs)).join(', ')}`,
  );
  say(
    `an empty extension of the same id, same VS Code: activation ${emptyRuns.map((run) => ms(run.activationMs)).join(', ')}, ` +
      `extension.activate() end to end ${emptyRuns.map((run) => ms(run.activateMs)).join(', ')} (the host's share of any activation); the lower run is the comparison`,
  );
  if (figures.otherRequests.length > 0) {
    say(`other HTTP requests in the extension host (not the extension's API): ${figures.otherRequests.join(', ')}`);
  }
  results.push({
    bench: '5 activation',
    figure: `median ${ms(figures.activationMs)} of ${ACTIVATION_RUNS} VS Code runs (load ${ms(figures.loadMs)} + activate ${ms(figures.activateCallMs)})`,
    target: `≤ ${ACTIVATION_TARGET_MS} ms`,
    comparison: `empty extension ${ms(empty.activationMs)}; end to end with the host's set-up ${ms(figures.activateMs + figures.loadMs)} (empty: ${ms(empty.activateMs)})`,
    verdict: runs.some((run) => run.wasActive) ? 'not measured' : verdictOf(figures.activationMs <= ACTIVATION_TARGET_MS),
  });
  results.push({
    bench: '5 nothing before view',
    figure: `${Math.max(...runs.map((run) => run.requestsHidden))} requests in ${ms(figures.hiddenWaitMs)} after activation, view hidden (${ACTIVATION_RUNS} runs), connection ${figures.statusHidden}`,
    target: '0 requests',
    comparison: `view shown: ${figures.requestsShown} requests, connection ${figures.statusShown}`,
    verdict: verdictOf(quietWhileHidden),
  });
  return results;
}
