// A typed event emitter with the same call shape as `vscode.Event` (listener in, disposable out),
// so the tree model stays free of `vscode` and the view can still subscribe to it directly.

export interface ModelDisposable {
  dispose(): void;
}

export type ModelEvent<T> = (listener: (value: T) => void) => ModelDisposable;

export class ModelEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: ModelEvent<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A failing listener must not stop the others from hearing about the change.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
