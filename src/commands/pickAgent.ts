// "Transfer to Agent…": which agent. Users come from `GET /data/api/types/user`, searched on the
// server as the user types, with their presence when the data has it.
import type { User, Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import { l10n } from '../ui/l10n';
import { userDisplayName } from '../model/names/nameDirectory';
import type { PickItem, Ui } from '../ui/ui';

export function agentPickItem(user: User, current?: string): PickItem<string> {
  const id = user.username ?? user._id;
  const presence = user.presence ? l10n.t('{0} · {1}', id, user.presence) : l10n.t('{0}', id);
  return {
    label: l10n.t('{0}', userDisplayName(user)),
    description: id === current ? l10n.t('{0} (current agent)', presence) : presence,
    value: user._id,
  };
}

export function pickAgent(ui: Ui, api: WorkitemsApi, workitem?: Workitem): Promise<string | undefined> {
  return ui.searchPick<string>({
    title: workitem ? l10n.t('Transfer {0} to Agent', workitem.workitemId) : l10n.t('Transfer to Agent'),
    placeholder: l10n.t('Type part of an agent name or user name'),
    emptyLabel: l10n.t('No matching agent'),
    search: async (text, signal) => {
      const users = await api.listUsers(text, { signal });
      return users.map((user) => agentPickItem(user, workitem?.agentUsername));
    },
  });
}
