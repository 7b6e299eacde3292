// The connections' rows at the top of the Workitems view. They are read from the connections (each
// tenant's keychain entry says whether it is signed in) only after the connections changed, not on
// every redraw of the top, which live changes cause many times a minute; and each keeps its node
// object across redraws, since VS Code finds a row by the object it was given.
import type { ConnectionRow } from '../../connection/profiles/connectionRows';
import { sameTenant } from '../../connection/tenantName';
import { ConnectionHintNode, ConnectionRootNode } from './connectionRootNode';
import { connectionRootId } from './tenantBranches';

export class ConnectionRoots {
  private roots: ConnectionRootNode[] = [];
  private readonly hints = new Map<string, ConnectionHintNode>();
  /** The rows as last read; undefined once the connections changed. */
  private rowsRead: Promise<readonly ConnectionRow[]> | undefined;

  /**
   * @param filterOf the filter a connection's tree shows, named on its row: read when its node is made
   * (a row changes node when it comes into or out of use), not on every redraw; a filter set on the
   * row later is put on its node by whoever sets it.
   */
  constructor(
    private readonly rows: (() => Promise<readonly ConnectionRow[]>) | undefined,
    private readonly filterOf: (row: ConnectionRow) => string | undefined = () => undefined,
  ) {}

  /** The rows to draw at the top: none while the sandbox is the only connection (its rows are shown directly). */
  async read(): Promise<readonly ConnectionRootNode[]> {
    if (this.rowsRead === undefined) {
      const reading = this.rows?.() ?? Promise.resolve([]);
      this.rowsRead = reading;
      // A failed read is not kept: the next redraw reads again.
      reading.catch(() => {
        if (this.rowsRead === reading) this.rowsRead = undefined;
      });
    }
    const rows = await this.rowsRead;
    const known = new Map(this.roots.map((root) => [root.id, root]));
    this.roots =
      rows.length < 2
        ? []
        : rows.map((row) => {
            const created = new ConnectionRootNode(row);
            const held = known.get(created.id);
            if (held === undefined) {
              created.filter = this.filterOf(row);
              return created;
            }
            held.setRow(row);
            return held;
          });
    return this.roots;
  }

  /** The connections changed (one added, removed, signed in or out, another in use): read them again. */
  invalidate(): void {
    this.rowsRead = undefined;
  }

  /** As drawn last. */
  get drawn(): readonly ConnectionRootNode[] {
    return this.roots;
  }

  inUse(): ConnectionRootNode | undefined {
    return this.roots.find((root) => root.row.inUse);
  }

  /** The row of a tenant not in use. */
  of(tenant: string): ConnectionRootNode | undefined {
    return this.roots.find((root) => root.id === connectionRootId(tenant));
  }

  /** Whether a tenant's tree may be kept: it has a row, is signed in, and is not the one in use. */
  readable(tenant: string): boolean {
    return this.roots.some((root) => !root.row.inUse && root.row.signedIn && root.row.target.kind === 'tenant' && sameTenant(root.row.target.name, tenant));
  }

  /** The line under a connection that is not read now (the sandbox while a tenant is in use). */
  hintUnder(root: ConnectionRootNode): ConnectionHintNode {
    const held = this.hints.get(root.id);
    if (held !== undefined && held.root === root) return held;
    const hint = new ConnectionHintNode(root);
    this.hints.set(root.id, hint);
    return hint;
  }
}
