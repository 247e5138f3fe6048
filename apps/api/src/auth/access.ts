import {
  type CollectionWithRole,
  collectionAccess,
  type Database,
  type Role,
  type TeamWithRole,
  teamRoleOf,
} from '@jianbao/db';
import { ApiError } from '../http/errors';

/** What each role may do: viewers read; editors also write clips and tags; owners also manage. */
export type Action = 'read' | 'write' | 'manage';

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  owner: new Set(['read', 'write', 'manage']),
  editor: new Set(['read', 'write']),
  viewer: new Set(['read']),
};

export function can(role: Role, action: Action): boolean {
  return ALLOWED[role].has(action);
}

const REFUSAL: Record<Action, string> = {
  read: 'you cannot read this',
  write: 'viewers cannot change clips or tags: ask an owner for the editor role',
  manage: 'only an owner can do this',
};

/**
 * The collection if the user may do `action` on it. A collection the user cannot read at all
 * is a 404, not a 403, so ids of other teams' collections are not confirmed to exist.
 */
export async function collectionFor(
  db: Database,
  collectionId: string,
  userId: string,
  action: Action,
): Promise<CollectionWithRole> {
  const collection = await collectionAccess(db, collectionId, userId);
  if (!collection) throw new ApiError(404, 'not-found', 'no such collection', 'collectionId');
  if (!can(collection.role, action)) throw new ApiError(403, 'forbidden', REFUSAL[action]);
  return collection;
}

export async function teamFor(
  db: Database,
  teamId: string,
  userId: string,
  action: Action,
): Promise<TeamWithRole> {
  const team = await teamRoleOf(db, teamId, userId);
  if (!team) throw new ApiError(404, 'not-found', 'no such team', 'teamId');
  if (!can(team.role, action)) throw new ApiError(403, 'forbidden', REFUSAL[action]);
  return team;
}
