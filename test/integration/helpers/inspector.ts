// The test API the running extension returns from activate(): the real tree, panels, connection
// and action runner, as the tests drive and observe them. The extension is a bundle of its own, so
// its classes are not the ones this file could import: everything is checked by shape.
import type { WorkitemInspectorApi } from '../../../src/extension';
import { activateExtension } from './extension';

export type { WorkitemInspectorApi };

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function hasFunctions(value: unknown, names: readonly string[]): boolean {
  return isObject(value) && names.every((name) => typeof Reflect.get(value, name) === 'function');
}

function isInspectorApi(value: unknown): value is WorkitemInspectorApi {
  return (
    isObject(value) &&
    hasFunctions(value, ['runAction']) &&
    hasFunctions(Reflect.get(value, 'tree'), ['rootGroupCounts', 'treeState', 'getChildren', 'reveal', 'setFilter']) &&
    hasFunctions(Reflect.get(value, 'panels'), ['open', 'lastRendered', 'isOpen']) &&
    hasFunctions(Reflect.get(value, 'connection'), ['getApi', 'signIn', 'signOut', 'useSandbox'])
  );
}

/** Activates the extension (if needed) and returns what activate() returned. */
export async function inspectorApi(): Promise<WorkitemInspectorApi> {
  const extension = await activateExtension();
  const exports: unknown = extension.exports;
  if (!isInspectorApi(exports)) {
    throw new Error('activate() did not return { tree, panels, connection, runAction }');
  }
  return exports;
}
