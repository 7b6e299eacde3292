// What the tree model hands to a view: plain data, one variant per kind of row. The view decides
// how each looks; the model decides what exists.
import type { NcxErrorKind } from '../api/errors';
import type { Workitem } from '../api/schemas';
import type { ValidationIssue } from '../api/workitemsApi';
import type { GroupDimension, GroupSegment } from './groupKeys';

interface NodeBase {
  /** Stable id (see groupKeys.ts). */
  readonly id: string;
  /** ROOT_ID for top-level rows. */
  readonly parentId: string;
}

export interface GroupModelNode extends NodeBase {
  readonly kind: 'group';
  readonly dimension: GroupDimension;
  /** A known state / channel, or OTHER_GROUP_VALUE. */
  readonly value: string;
  readonly segments: readonly GroupSegment[];
  readonly count: number;
}

export interface WorkitemModelNode extends NodeBase {
  readonly kind: 'workitem';
  readonly workitem: Workitem;
  /** Text of a running action ("Holding…"), shown with a spinner. */
  readonly busy?: string;
}

export interface LoadMoreModelNode extends NodeBase {
  readonly kind: 'loadMore';
  /** Positions of the result already fetched (valid and invalid workitems). */
  readonly loaded: number;
  readonly total: number;
}

/** Why a fetch failed, as far as the person looking at the tree can act on it. */
export type FetchFailureReason = 'unreachable' | 'unauthorized' | 'failed';

export interface ErrorModelNode extends NodeBase {
  readonly kind: 'error';
  readonly reason: FetchFailureReason;
  /** What the row offers: fetch again, or sign in first. */
  readonly action: 'retry' | 'signIn';
  readonly message: string;
  readonly errorKind?: NcxErrorKind;
}

export interface IssuesModelNode extends NodeBase {
  readonly kind: 'issues';
  /** Distinct workitems left out because they failed validation. */
  readonly invalidCount: number;
  readonly issues: readonly ValidationIssue[];
}

/** An expanded group whose workitems are gone by the time its page was fetched. */
export interface EmptyModelNode extends NodeBase {
  readonly kind: 'empty';
}

export type ModelNode =
  | GroupModelNode
  | WorkitemModelNode
  | LoadMoreModelNode
  | ErrorModelNode
  | IssuesModelNode
  | EmptyModelNode;

export type ModelNodeKind = ModelNode['kind'];

/** The node ids whose rendering changed; a parent listed here stands for its whole subtree. */
export interface ModelChange {
  /** ROOT_ID means the top-level rows changed. */
  readonly nodeIds: readonly string[];
}

export interface ModelLoad {
  /** The group (or ROOT_ID) whose children were fetched. */
  readonly parentId: string;
  readonly ok: boolean;
}

export interface GroupCount {
  readonly id: string;
  readonly dimension: GroupDimension;
  readonly value: string;
  readonly count: number;
}
