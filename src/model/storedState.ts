// The part of `vscode.Memento` (globalState) the vscode-free stores need: what they keep across a
// reload is read back through a schema, so a hand-edited or older value cannot crash them.
export interface StoredState {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}
