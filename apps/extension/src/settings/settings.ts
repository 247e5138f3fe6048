import { storage } from 'wxt/utils/storage';

/** Where the API listens when the user has set nothing: `pnpm start` on this machine. */
export const DEFAULT_SERVER = 'http://127.0.0.1:8787';

export interface Account {
  server: string;
  token: string;
  /** Who the token belongs to, as the server said when it was checked. */
  user: { id: string; email: string; name: string };
}

/** Survives browser restarts (`local:`); the token never leaves the extension's storage. */
export const accountItem = storage.defineItem<Account | null>('local:account', {
  fallback: null,
});

/** The collection clips go to unless the user picks another in the popup; the last one used. */
export const collectionItem = storage.defineItem<string | null>('local:collection', {
  fallback: null,
});

/** The server address typed in the options page, kept even while signed out. */
export const serverItem = storage.defineItem<string>('local:server', {
  fallback: DEFAULT_SERVER,
});
