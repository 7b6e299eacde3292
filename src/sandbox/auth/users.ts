// The sandbox's user accounts. They live in a plain config object (defaults below) so tests and
// the CLI can run with other users; passwords are compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../../api/domain';

export const SandboxUserSchema = z.object({
  username: z.string().min(1).max(100).regex(/^[^:\s]+$/, 'a user name cannot contain ":" or spaces'),
  password: z.string().min(1).max(200),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SandboxUser = z.infer<typeof SandboxUserSchema>;

export const SandboxUsersSchema = z
  .array(SandboxUserSchema)
  .min(1)
  .refine((users) => new Set(users.map((user) => user.username)).size === users.length, {
    message: 'user names must be unique',
  });

export const DEFAULT_USERS: readonly SandboxUser[] = [
  { username: 'admin', password: 'admin-password', permissions: [...PERMISSIONS] },
  { username: 'agent', password: 'agent-password', permissions: ['workitems:read', 'workitems:write'] },
  { username: 'viewer', password: 'viewer-password', permissions: ['workitems:read'] },
];

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export class UserDirectory {
  private readonly byName: ReadonlyMap<string, SandboxUser>;

  constructor(users: readonly SandboxUser[] = DEFAULT_USERS) {
    const parsed = SandboxUsersSchema.parse(users);
    this.byName = new Map(parsed.map((user) => [user.username, user]));
  }

  /** The user whose name and password match, or undefined. */
  authenticate(username: string, password: string): SandboxUser | undefined {
    const user = this.byName.get(username);
    // Compare digests so the comparison time depends on neither password's length.
    const candidate = digest(password);
    const expected = digest(user?.password ?? '');
    const matches = timingSafeEqual(candidate, expected);
    return user && matches ? user : undefined;
  }

  find(username: string): SandboxUser | undefined {
    return this.byName.get(username);
  }

  list(): SandboxUser[] {
    return [...this.byName.values()];
  }

  permissionsOf(username: string): Permission[] {
    return [...(this.byName.get(username)?.permissions ?? [])];
  }
}
