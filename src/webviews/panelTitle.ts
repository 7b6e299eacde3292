// A detail panel's tab title: the workitem and its tenant. VS Code renders `$(icon)` syntax in
// it, and both are a server's words (an id, a host), so it goes through the one neutralizer.
import { shown, type Shown } from '../model/format/shownText';

export function panelTitle(workitemId: string, tenant: string | undefined): Shown {
  return shown(tenant === undefined ? workitemId : `${workitemId} · ${tenant}`);
}
