// @ts-check
'use strict';
// Checks a .vsix's file list against .vscodeignore: the project ignores everything ("**") and keeps
// files back with "!" entries, so every file under extension/ must match one of those, and every
// kept literal path that exists in the project must be there. vsce adds its own manifest files and renames the licence.
//   node vsixContents.js VSCODEIGNORE CONTENTS_LIST   (CONTENTS_LIST: one archive path a line)
const fs = require('fs');
const path = require('path');

const VSCE_OWN_FILES = new Set(['extension.vsixmanifest', '[Content_Types].xml']);

/** @param {string} glob */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  // vsce ships the licence as LICENSE.txt when the file has no extension; README/LICENSE match in any case.
  return new RegExp(`^${source}${/^LICENSE$/i.test(glob) ? '(\\.txt|\\.md)?' : ''}$`, 'i');
}

function main() {
  const [ignoreFile, contentsFile] = process.argv.slice(2);
  if (!ignoreFile || !contentsFile) {
    console.error('usage: node vsixContents.js VSCODEIGNORE CONTENTS_LIST');
    return 2;
  }
  const kept = fs
    .readFileSync(ignoreFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/^\//, ''));
  const patterns = kept.map((glob) => ({ glob, regExp: globToRegExp(glob) }));
  const entries = fs
    .readFileSync(contentsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'));

  const unexpected = entries.filter((entry) => {
    if (VSCE_OWN_FILES.has(entry)) {
      return false;
    }
    const inside = entry.startsWith('extension/') ? entry.slice('extension/'.length) : undefined;
    return inside === undefined || !patterns.some(({ regExp }) => regExp.test(inside));
  });
  const inside = entries.filter((entry) => entry.startsWith('extension/')).map((entry) => entry.slice('extension/'.length));
  const projectDir = path.dirname(path.resolve(ignoreFile));
  const missing = patterns.filter(
    ({ glob, regExp }) => !/[*?]/.test(glob) && fs.existsSync(path.join(projectDir, glob)) && !inside.some((entry) => regExp.test(entry)),
  );

  for (const entry of unexpected) {
    console.error(`unexpected in the .vsix: ${entry}`);
  }
  for (const { glob } of missing) {
    console.error(`kept by .vscodeignore but missing from the .vsix: ${glob}`);
  }
  console.error(`${entries.length} files in the .vsix; ${unexpected.length} unexpected, ${missing.length} missing`);
  return unexpected.length === 0 && missing.length === 0 ? 0 : 1;
}

process.exitCode = main();
