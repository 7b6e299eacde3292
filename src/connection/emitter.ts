// A minimal event emitter with VS Code's `Event` shape (listener in, disposable out), so the
// connection can fire events in plain Node tests and still be consumed like `vscode.Event`.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // One failing listener must not keep the others (tree, panels, status bar) stale.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
