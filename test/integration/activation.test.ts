import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from './helpers/extension';

describe('extension activation', () => {
  it('is loaded under its publisher-qualified id', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not among the loaded extensions`);
  });

  it('activates without throwing', async () => {
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
  });
});
