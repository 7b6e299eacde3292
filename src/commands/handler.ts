// The shape of every command handler: VS Code passes whatever the invocation site has (a tree
// node and the selection, an id, nothing), so the handlers take unknown arguments and check them.
// A handler may resolve to a result (a bulk run's summary) that `executeCommand` passes back.
export type CommandHandler = (...args: unknown[]) => Promise<unknown>;
