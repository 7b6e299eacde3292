// What the action-history and link commands need besides the usual context: the history file,
// where links point, and a file to export to. Optional in the context, so fakes and older callers
// need not provide it.
import type { AuditReadResult } from '../audit/auditLog';
import type { LinkTarget } from '../links/workitemLink';

export interface TenantHooks {
  history: {
    read(): Promise<AuditReadResult>;
    exportTo(target: string): Promise<void>;
  };
  /** `vscode.env.uriScheme` and this extension's id. */
  linkTarget: LinkTarget;
  /** Asks where to write an export; undefined when dismissed. */
  chooseExportFile(): Promise<string | undefined>;
}
