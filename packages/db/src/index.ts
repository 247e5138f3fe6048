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
  type Collection,
  createCollection,
  createTeam,
  createUser,
  type Team,
  type User,
} from './queries/accounts';
export {
  type Changes,
  changesSince,
  type DeleteClipResult,
  deleteClip,
  getClip,
  type StoredClip,
  type UpdateClipResult,
  type UpsertClipResult,
  updateClip,
  upsertClip,
} from './queries/clips';
export {
  DEFAULT_SEARCH_LIMIT,
  fillSearchColumns,
  MAX_SEARCH_LIMIT,
  SearchCursorError,
  type SearchHit,
  type SearchParams,
  type SearchResult,
  searchClips,
} from './queries/search';
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
