// Stable node ids of the tree. A group's id is its key path (`state:active/channel:voice`), a
// workitem row's id is its group's id plus the workitem id, so ids survive refreshes (VS Code keeps
// expansion and selection by id) and a workitem caught in two groups during a move never collides.
import type { GroupByMode } from '../config/settings';
import { CHANNEL_TYPES, WORKITEM_STATES, isKnownChannel, isKnownState } from '../api/domain';
import type { Workitem } from '../api/schemas';

export type GroupDimension = 'state' | 'channel';

/** Value of the group that collects the values outside the known lists (never a real value: see domain.ts). */
export const OTHER_GROUP_VALUE = '~other';

/** Id of the invisible root; its children have ids without a parent prefix. */
export const ROOT_ID = '';

export interface GroupSegment {
  readonly dimension: GroupDimension;
  /** A known state / channel, or OTHER_GROUP_VALUE. */
  readonly value: string;
}

const DIMENSIONS_BY_MODE: Readonly<Record<GroupByMode, readonly GroupDimension[]>> = {
  stateChannel: ['state', 'channel'],
  channelState: ['channel', 'state'],
  state: ['state'],
  channel: ['channel'],
  none: [],
};

export function dimensionsFor(mode: GroupByMode): readonly GroupDimension[] {
  return DIMENSIONS_BY_MODE[mode];
}

/** Known values in display order: states in lifecycle order, channels in CHANNEL_TYPES order. */
export function knownValuesOf(dimension: GroupDimension): readonly string[] {
  return dimension === 'state' ? WORKITEM_STATES : CHANNEL_TYPES;
}

/** The workitem field a dimension groups on (the `q` field name). */
export function fieldOf(dimension: GroupDimension): 'state' | 'channelType' {
  return dimension === 'state' ? 'state' : 'channelType';
}

export function groupValueOf(workitem: Workitem, dimension: GroupDimension): string {
  if (dimension === 'state') {
    return isKnownState(workitem.state) ? workitem.state : OTHER_GROUP_VALUE;
  }
  return isKnownChannel(workitem.channelType) ? workitem.channelType : OTHER_GROUP_VALUE;
}

/** The group path a workitem belongs to under the given dimensions. */
export function segmentsOf(workitem: Workitem, dimensions: readonly GroupDimension[]): GroupSegment[] {
  return dimensions.map((dimension) => ({ dimension, value: groupValueOf(workitem, dimension) }));
}

export function groupIdOf(segments: readonly GroupSegment[]): string {
  return segments.map((segment) => `${segment.dimension}:${encodeURIComponent(segment.value)}`).join('/');
}

export function childIdOf(parentId: string, localId: string): string {
  return parentId === ROOT_ID ? localId : `${parentId}/${localId}`;
}

/** Captures a lone surrogate: JSON can carry one, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/** encodeURIComponent, with a lone surrogate written `%uD800` (a form it never writes itself, so ids stay distinct). */
function encodeIdSegment(value: string): string {
  // Splitting on a capturing group puts the lone surrogates at the odd places.
  return value
    .split(LONE_SURROGATE)
    .map((part, index) => (index % 2 === 1 ? `%u${part.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(part)))
    .join('');
}

export function workitemNodeIdOf(parentId: string, workitemId: string): string {
  return childIdOf(parentId, `wi:${encodeIdSegment(workitemId)}`);
}

/** Every id segment is URI-encoded, so the last `/` always separates a node from its parent. */
export function parentIdOf(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? ROOT_ID : id.slice(0, slash);
}
