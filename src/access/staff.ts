import { z } from 'zod';

// Staff accounts and who is acting: every domain call is made by an Actor through a door.
export const roles = ['agent', 'adviser', 'service_team', 'team_leader', 'dpo', 'admin'] as const;
export type Role = (typeof roles)[number];

export type Door = 'web' | 'api' | 'cli' | 'job';

export type StaffUser = {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  isActive: boolean;
  isDemo: boolean;
  teamIds: readonly number[];
};

export type Actor = {
  kind: 'staff';
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  /** The teams the member of staff belongs to: each sees its own restricted systems' records. */
  teamIds: readonly number[];
  door: Door;
};

/** Work done by OneStop itself (an import run from the command line, a scheduled job). */
export type SystemActor = { kind: 'system'; name: string; door: Door };

export type AnyActor = Actor | SystemActor;

export function actorLabel(actor: AnyActor): string {
  return actor.kind === 'staff' ? `user:${actor.userId}` : `system:${actor.name}`;
}

export const newStaffUserSchema = z.object({
  email: z.email('Enter an email address in the correct format, like name@example.gov.uk').transform((value) => value.toLowerCase()),
  displayName: z.string().trim().min(1, 'Enter the person’s name').max(100),
  password: z.string().min(12, 'The password must be at least 12 characters').max(200),
  role: z.enum(roles).default('agent'),
});
export type NewStaffUser = z.input<typeof newStaffUserSchema>;

export function toActor(user: StaffUser, door: Door): Actor {
  return { kind: 'staff', userId: user.id, email: user.email, displayName: user.displayName, role: user.role, teamIds: user.teamIds, door };
}
