// Turns the live changes of the current tenant into watch notices (src/model/live/watchList.ts)
// and says each one in a notification with an "Open" button: which workitem, on which tenant,
// and what changed (state, agent, queue, priority, by name).
import type * as vscode from 'vscode';
import type { WatchList } from '../model/live/watchList';
import type { NameLookup } from '../model/names/nameDirectory';
import { l10n } from '../ui/l10n';
import { watchNoticeText } from './watchNoticeText';
import type { Ui } from '../ui/ui';
import type { Log } from '../log/log';
import type { LiveService } from './liveService';

export interface WatchNotifierDeps {
  list: WatchList;
  live: Pick<LiveService, 'onDidChange'>;
  tenant: () => string;
  names: NameLookup;
  ui: Ui;
  log: Log;
  open: (workitemId: string) => Promise<void>;
}

export function startWatchNotifier(deps: WatchNotifierDeps): vscode.Disposable {
  // One change at a time, in order: a notice compares with what the previous one saw.
  let queue = Promise.resolve();
  return deps.live.onDidChange((changes) => {
    const tenant = deps.tenant();
    for (const change of changes) {
      queue = queue
        .then(async () => {
          const notice = await deps.list.observe(tenant, change.workitem);
          if (notice === undefined) return;
          const text = watchNoticeText(notice, tenant, deps.names);
          deps.log.info(`Watch: ${text}`);
          const open = l10n.t('Open');
          void deps.ui.info(text, open).then((choice) => (choice === open ? deps.open(notice.workitem.workitemId) : undefined));
        })
        .catch((error: unknown) => deps.log.warn(`Watch: could not follow ${change.workitemId}: ${String(error)}`));
    }
  });
}
