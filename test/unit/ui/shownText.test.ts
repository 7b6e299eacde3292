import * as assert from 'node:assert/strict';
import { shown, SHOWN_MAX_LENGTH } from '../../../src/model/format/shownText';
import { l10n } from '../../../src/ui/l10n';

// The patterns VS Code uses to find links in notifications and icons in labels (see its
// `parseLinkedText` and `renderLabelWithIcons`): a neutralized text must match neither.
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /(\\)?\$\(([a-z0-9-]+?(?:~[a-z0-9-]*?)?)\)/gi;
const visible = (text: string): string => text.replace(/\u200B/g, '');

describe('shown: server text for VS Code surfaces', () => {
  const hostile = [
    '[Open terminal](command:workbench.action.terminal.new)',
    'Refused: [click](https://evil.example/x "title") now',
    '$(zap) admin $(sync~spin)',
    '![img](https://evil.example/pixel.png)',
    '<img src=x onerror=alert(1)> **bold**',
  ];

  it('leaves no link and no icon that VS Code would render, and the text reads the same', () => {
    for (const text of hostile) {
      const out = shown(text);
      assert.equal(out.match(VSCODE_LINK), null, out);
      assert.equal([...out.matchAll(VSCODE_ICON)].filter((m) => !m[1]).length, 0, out);
      assert.equal(visible(out), text);
    }
  });

  it('is idempotent, so text neutralized twice reads as once', () => {
    for (const text of hostile) {
      assert.equal(shown(shown(text)), shown(text));
    }
  });

  it('keeps one line: controls and newlines become spaces, bidi overrides are spelled out', () => {
    assert.equal(shown('a\nb\r\n\u0000c'), 'a b c');
    assert.equal(shown('invoice\u202Egpj.exe'), 'invoice[U+202E]gpj.exe');
  });

  it('caps the length, saying so', () => {
    const out = shown('x'.repeat(1_000_000));
    assert.equal(out.length, SHOWN_MAX_LENGTH + 1);
    assert.ok(out.endsWith('…'));
  });

  it('is what l10n.t does to every string argument, while the template keeps its own icons', () => {
    const out = l10n.t('$(cloud) Signed in as {0} ({1} workitems)', '$(zap) [x](command:evil)', 3);
    assert.equal(out.match(VSCODE_LINK), null);
    assert.ok(out.startsWith('$(cloud) Signed in as $\u200B(zap)'));
    assert.ok(out.endsWith('(3 workitems)'));
  });
});
