// Bundles the extension and the stand-alone sandbox. `--production` minifies, `--watch` rebuilds.
const path = require('path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Leaves out what the bundles would carry but never run (measured by `npm run bench`, benchmark 5):
 * - node-fetch 2 loads `whatwg-url` only as a fallback for runtimes without a URL class, and
 *   with it tr46's 260 KB mapping table, parsed at every activation. Node always has URL.
 * - zod's full build reaches some fifty translations through its `locales` namespace, which a
 *   bundler cannot split, and nothing here switches language (our own wording is in
 *   src/api/zodIssues.ts). Only the sandbox still uses the full build; the extension is written
 *   with zod/mini and imports English alone (src/api/zodMini.ts), so there this rule finds nothing.
 */
const unusedDependencyCode = {
  name: 'unused-dependency-code',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({
      contents: 'module.exports = { URL, URLSearchParams };',
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.split(path.sep).includes('zod')) {
        return undefined;
      }
      return { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-english' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * The extension only parses queries with liqe (to check a filter before it is sent); matching
 * them is the server's work. liqe's entry module loads its matcher, highlighter and serializer
 * too (about 9 KB minified, never run here), so the extension bundle gets only the parser and the
 * error classes. Importing anything else from 'liqe' in extension code fails the build with
 * "No matching export", which is the cue to add it to the list below.
 */
const liqeParserOnly = {
  name: 'liqe-parser-only',
  setup(build) {
    build.onResolve({ filter: /^liqe$/ }, (args) => ({
      path: 'liqe',
      namespace: 'liqe-parser',
      pluginData: { resolveDir: args.resolveDir },
    }));
    build.onLoad({ filter: /.*/, namespace: 'liqe-parser' }, (args) => ({
      contents: [
        "export { parse } from 'liqe/dist/src/parse';",
        "export { LiqeError, SyntaxError } from 'liqe/dist/src/errors';",
      ].join('\n'),
      loader: 'js',
      resolveDir: args.pluginData.resolveDir,
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [unusedDependencyCode],
};

const entries = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [unusedDependencyCode, liqeParserOnly],
  },
  { entryPoints: ['src/sandbox/cli.ts'], outfile: 'dist/sandbox.js' },
];

async function main() {
  const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...shared, ...entry })));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    console.log('[esbuild] watching for changes');
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
