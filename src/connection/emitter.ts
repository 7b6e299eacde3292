// The connection fires its events with the tree model's emitter: the same `vscode.Event` call shape,
// usable in plain Node tests.
export { ModelEmitter as Emitter, type ModelEvent as Event, type ModelDisposable as Disposable } from '../model/events';
