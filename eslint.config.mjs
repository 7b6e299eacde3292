import tseslint from 'typescript-eslint';

// Server text reaches a VS Code surface that renders `[text](command:…)` links or `$(icon)` syntax only as
// `Shown` (src/model/format/shownText.ts). The types hold that wherever a `Shown` parameter is asked for; these
// rules keep every such surface behind one: the Ui seam, the status bar, the tree rows and the panel title.
const SURFACE_CALLS =
  '^(show(Information|Warning|Error)Message|showQuickPick|createQuickPick|showInputBox|createInputBox|withProgress|createStatusBarItem|setStatusBarMessage|createTreeView|createWebviewPanel)$';
const shownRules = {
  surfaces: [
    {
      selector: `MemberExpression[object.property.name='window'][property.name=/${SURFACE_CALLS}/]`,
      message: 'VS Code surfaces render command links and icons: go through the Ui seam (src/ui/ui.ts) with Shown texts.',
    },
    {
      selector: `MemberExpression[object.name='window'][property.name=/${SURFACE_CALLS}/]`,
      message: 'VS Code surfaces render command links and icons: go through the Ui seam (src/ui/ui.ts) with Shown texts.',
    },
  ],
  rawL10n: [
    {
      selector: "MemberExpression[object.name='vscode'][property.name='l10n']",
      message: "vscode.l10n.t leaves its arguments as they are: use l10n.t from src/ui/l10n, which returns Shown.",
    },
  ],
  treeItem: [
    {
      selector: "NewExpression[callee.property.name='TreeItem']",
      message: 'Tree rows are made by shownTreeItem (src/views/tree/treeItems.ts) from Shown texts.',
    },
  ],
  shownCast: [
    {
      selector: "TSAsExpression[typeAnnotation.typeName.name='Shown'], TSTypeAssertion[typeAnnotation.typeName.name='Shown']",
      message: 'Make a Shown with shown() (server text) or l10n.t / ours() (our own text), never with a cast.',
    },
  ],
};
const restrictSyntax = (...kinds) => ['error', ...kinds.flatMap((kind) => shownRules[kind])];
/** The adapters: the only files that talk to the surfaces themselves, each with Shown-typed texts. */
const SURFACE_ADAPTERS = [
  'src/ui/vscodeUi.ts',
  'src/ui/statusBarItem.ts',
  'src/ui/shownViews.ts',
  'src/views/tree/workitemTreeProvider.ts',
  'src/webviews/detailPanelManager.ts',
  'src/log/outputChannelLog.ts',
];
/** Where `vscode.l10n` itself is handed on: to the l10n seam, and to the webview's HTML (escaped there). */
const L10N_ADAPTERS = ['src/extension.ts', 'src/webviews/detailPanelManager.ts'];
/** The two ways to make a Shown. */
const SHOWN_MAKERS = ['src/model/format/shownText.ts', 'src/ui/l10n.ts'];

const fullZod = { name: 'zod', message: "Extension code imports zod through src/api/zodMini (import * as z from '.../api/zodMini')." };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'media/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  { files: ['src/**/*.ts'], rules: { 'no-restricted-syntax': restrictSyntax('surfaces', 'rawL10n', 'treeItem', 'shownCast') } },
  { files: ['test/**/*.ts'], rules: { 'no-restricted-syntax': restrictSyntax('shownCast') } },
  {
    files: SURFACE_ADAPTERS.filter((file) => !L10N_ADAPTERS.includes(file)),
    rules: { 'no-restricted-syntax': restrictSyntax('rawL10n', 'treeItem', 'shownCast') },
  },
  {
    files: L10N_ADAPTERS.filter((file) => !SURFACE_ADAPTERS.includes(file)),
    rules: { 'no-restricted-syntax': restrictSyntax('surfaces', 'treeItem', 'shownCast') },
  },
  {
    files: SURFACE_ADAPTERS.filter((file) => L10N_ADAPTERS.includes(file)),
    rules: { 'no-restricted-syntax': restrictSyntax('treeItem', 'shownCast') },
  },
  { files: SHOWN_MAKERS, rules: { 'no-restricted-syntax': restrictSyntax('surfaces', 'rawL10n', 'treeItem') } },
  {
    // The extension bundle carries zod/mini only: the method-chaining build adds ~190 KB to every activation.
    files: ['src/**/*.ts'],
    ignores: ['src/sandbox/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [fullZod] }] },
  },
  {
    // The API client, the tree model, the panel's view-model and the sandbox must run outside VS Code.
    files: ['src/api/**/*.ts', 'src/model/**/*.ts', 'src/webviews/viewModel/**/*.ts', 'src/contributions.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode', fullZod] }] },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
);
