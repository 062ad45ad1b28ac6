import type { FlockClient, UserSummaryFragment } from '@flock/client';

/** What every view gets: the API client and who is signed in. */
export interface App {
  client: FlockClient;
  /** The signed-in member; null when signed out. */
  viewer: UserSummaryFragment | null;
  /** After signing up or in (the session names its member): go home. */
  signedIn(viewer: UserSummaryFragment): void;
  signOut(): Promise<void>;
}
