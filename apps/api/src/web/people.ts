import type { PageApi } from './api-client';
import type { CollectionView, TeamDetail } from './api-types';

/** Who may have clipped into a collection: its team's members, or the owner of a personal one. */
export async function peopleOf(
  api: PageApi,
  collection: CollectionView,
  me: { id: string; name: string },
): Promise<Map<string, string>> {
  const people = new Map<string, string>([[me.id, me.name]]);
  if (collection.teamId) {
    const team = await api.get<TeamDetail>(`/teams/${collection.teamId}`);
    for (const member of team.members) people.set(member.userId, member.name);
  }
  return people;
}
