/** Where the app finds the gateway unless VITE_FLOCK_API_URL says otherwise (`npm start`'s). */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

/** The gateway's /graphql URL from the configured value (empty or unset: the default). */
export function apiUrl(configured: string | undefined): string {
  return configured?.trim() || DEFAULT_API_URL;
}
