import type {
  zClipList,
  zClipView,
  zCollectionView,
  zInvitationPreview,
  zInvitationView,
  zMemberView,
  zNewToken,
  zSimilarMatch,
  zSimilarResult,
  zTeamView,
  zTokenView,
  zUserView,
} from '@jianbao/core';
import type { z } from 'zod';

// The API's answers as the pages read them (the schemas are the API's own).

export type UserView = z.infer<typeof zUserView>;
export type TeamView = z.infer<typeof zTeamView>;
export type MemberView = z.infer<typeof zMemberView>;
export type TeamDetail = TeamView & { members: MemberView[] };
export type InvitationView = z.infer<typeof zInvitationView>;
export type InvitationPreview = z.infer<typeof zInvitationPreview>;
export type TokenView = z.infer<typeof zTokenView>;
export type NewToken = z.infer<typeof zNewToken>;
export type CollectionView = z.infer<typeof zCollectionView>;
export type ClipView = z.infer<typeof zClipView>;
export type ClipList = z.infer<typeof zClipList>;
export type ClipListItem = ClipList['clips'][number];
export type SimilarMatch = z.infer<typeof zSimilarMatch>;
export type SimilarResult = z.infer<typeof zSimilarResult>;
export interface DuplicateGroups {
  total: number;
  groups: { canonical: string; clips: (SimilarMatch & { canonical: boolean })[] }[];
}
