// @jianbao/db: the schema, the connection for either driver, migrations and queries.
export {
  type CreateDbOptions,
  createDb,
  type Database,
  type DbHandle,
  type Driver,
} from './client';
export { type MigrationLevel, migrate, migrationsFolder } from './migrate';
export {
  type ApiToken,
  type Collection,
  createApiToken,
  createCollection,
  createTeam,
  createUser,
  findApiToken,
  findUserByEmail,
  isUniqueViolation,
  listApiTokens,
  revokeApiToken,
  type Team,
  touchApiToken,
  type User,
} from './queries/accounts';
export {
  type BatchItemResult,
  type Changes,
  changesSince,
  type DeleteClipResult,
  deleteClip,
  getClip,
  getClips,
  type NewClip,
  nearDuplicateColumns,
  type StoredClip,
  type UpdateClipResult,
  type UpsertClipResult,
  updateClip,
  upsertClip,
  upsertClips,
} from './queries/clips';
export {
  type CollectionWithRole,
  collectionAccess,
  deleteCollection,
  listCollectionsFor,
  renameCollection,
} from './queries/collections';
export { type ExportClipsParams, type ExportedClip, exportClips } from './queries/export';
export {
  FACET_LIMIT,
  type FacetCount,
  type FacetCounts,
  type FacetName,
  facetCounts,
  type StatsParams,
} from './queries/facet-counts';
export { type FacetKind, facetKey, facetKeys, outletOf } from './queries/facets';
export {
  type ClipFilters,
  DEFAULT_LIST_LIMIT,
  filterConditions,
  type ListClipsParams,
  type ListClipsResult,
  ListCursorError,
  type ListSort,
  listClips,
  MAX_LIST_LIMIT,
} from './queries/list-clips';
export {
  atLeastQuery,
  bigramFrequencies,
  type ContentNeighbour,
  contentNeighbours,
} from './queries/more-like-this';
export {
  bandPairsIn,
  type DuplicateCandidate,
  exactMatches,
  nearDuplicateCandidates,
} from './queries/near-duplicates';
export {
  OVERVIEW_MONTHS,
  OVERVIEW_SERIES,
  OVERVIEW_TOP,
  type Overview,
  type OverviewSeries,
  overview,
} from './queries/overview';
export {
  DEFAULT_SEARCH_LIMIT,
  fillSearchColumns,
  MAX_SEARCH_LIMIT,
  matchCondition,
  SearchCursorError,
  type SearchHit,
  type SearchOrder,
  type SearchParams,
  type SearchResult,
  searchClips,
} from './queries/search';
export {
  type AcceptInvitationResult,
  acceptInvitation,
  createInvitation,
  deleteTeam,
  findInvitation,
  type Invitation,
  listInvitations,
  listMembers,
  listTeamsOf,
  type Member,
  type MembershipChange,
  type Role,
  renameTeam,
  revokeInvitation,
  setMembership,
  type TeamWithRole,
  teamRoleOf,
} from './queries/teams';
export * as schema from './schema';
export {
  MAX_QUERY_LENGTH,
  parseSearchQuery,
  type SearchQuery,
  SearchQueryError,
  type SearchQueryProblem,
  searchColumns,
  tokenize,
  tsvectorLiteral,
} from './search/tokens';
