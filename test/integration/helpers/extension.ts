// The extension under test as the running VS Code sees it, with its manifest validated by zod
// (packageJSON is untyped data from disk).
import * as vscode from 'vscode';
import { z } from 'zod';

export const EXTENSION_ID = 'workitem-inspector.workitem-inspector';
export const COMMAND_PREFIX = 'workitemInspector.';

const MenuItemSchema = z.looseObject({ command: z.string().optional(), submenu: z.string().optional(), when: z.string().optional() });

const ManifestSchema = z.looseObject({
  contributes: z
    .looseObject({
      commands: z.array(z.looseObject({ command: z.string(), title: z.string() })).default([]),
      menus: z.record(z.string(), z.array(MenuItemSchema)).default({}),
      views: z.record(z.string(), z.array(z.looseObject({ id: z.string() }))).default({}),
    })
    .default({ commands: [], menus: {}, views: {} }),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type MenuItem = z.infer<typeof MenuItemSchema>;

export function getExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  }
  return extension;
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = getExtension();
  await extension.activate();
  return extension;
}

/** The workbench registers these for every contributed view, as `<viewId>.<suffix>`. */
const WORKBENCH_VIEW_COMMAND_SUFFIXES = ['open', 'focus', 'resetViewLocation', 'toggleVisibility', 'removeView'];

export function workbenchGeneratedCommands(manifest: Manifest): Set<string> {
  const viewIds = Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.id));
  return new Set(viewIds.flatMap((viewId) => WORKBENCH_VIEW_COMMAND_SUFFIXES.map((suffix) => `${viewId}.${suffix}`)));
}

export function readManifest(): Manifest {
  return ManifestSchema.parse(getExtension().packageJSON);
}
