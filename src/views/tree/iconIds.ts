// Which codicon stands for a channel and which theme colour for a state. Plain ids (no `vscode`
// import) so the choice is one table; theme colours keep the tree readable in every theme.
import type { ChannelType, WorkitemState } from '../../api/domain';
import { isKnownChannel, isKnownState } from '../../api/domain';

const CHANNEL_ICONS: Readonly<Record<ChannelType, string>> = {
  voice: 'call-incoming',
  email: 'mail',
  sms: 'comment',
  chat: 'comment-discussion',
  videoMeeting: 'device-camera-video',
};

const STATE_COLORS: Readonly<Record<WorkitemState, string>> = {
  inqueue: 'charts.blue',
  offered: 'charts.yellow',
  accepted: 'charts.yellow',
  active: 'charts.green',
  hold: 'charts.orange',
  conference: 'charts.purple',
  terminated: 'charts.red',
  dispositioned: 'disabledForeground',
};

export const UNKNOWN_VALUE_ICON = 'question';
export const STATE_GROUP_ICON = 'circle-filled';
export const BUSY_ICON = 'loading~spin';

export function channelIconId(channel: string): string {
  return isKnownChannel(channel) ? CHANNEL_ICONS[channel] : UNKNOWN_VALUE_ICON;
}

/** Undefined for a state we do not know: the icon keeps the theme's foreground colour. */
export function stateColorId(state: string): string | undefined {
  return isKnownState(state) ? STATE_COLORS[state] : undefined;
}
