import { ApiCallError, type ApiClient } from './client';

export interface CollectionRef {
  id: string;
  name: string;
  role: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A collection the caller can read, named by its id or by its name (an error lists the ones
 * there are when none or several match).
 */
export async function resolveCollection(client: ApiClient, ref: string): Promise<CollectionRef> {
  const { collections } = await client.json<{ collections: CollectionRef[] }>(
    'GET',
    '/collections',
  );
  const byId = UUID.test(ref) ? collections.find((c) => c.id === ref.toLowerCase()) : undefined;
  if (byId) return byId;
  const named = collections.filter((c) => c.name === ref);
  if (named.length === 1) return named[0]!;
  const known = collections.map((c) => `'${c.name}' (${c.id})`).join(', ') || 'none';
  throw new ApiCallError(
    404,
    named.length > 1 ? 'ambiguous-collection' : 'no-such-collection',
    named.length > 1
      ? `several collections are named '${ref}': give its id (${named.map((c) => c.id).join(', ')})`
      : `no collection '${ref}' among yours: ${known}`,
    'collection',
  );
}
