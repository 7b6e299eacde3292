// Harness self-test fixture: passes when the module runs in a real extension host with the
// extension under development loaded.
const assert = require('assert');
const vscode = require('vscode');

describe('harness self-test: a real extension host', () => {
  it('provides the vscode API', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });

  it('has the extension under development loaded', () => {
    assert.ok(vscode.extensions.getExtension('workitem-inspector.workitem-inspector'));
  });
});
