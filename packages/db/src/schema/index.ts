export { apiTokens } from './api-tokens';
export { changeKind, changes } from './changes';
export { clips } from './clips';
export { collections } from './collections';
export { invitations } from './invitations';
export { memberships, role } from './memberships';
export { tags } from './tags';
export { teams } from './teams';
export { users } from './users';
