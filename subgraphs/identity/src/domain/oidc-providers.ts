import { z } from 'zod';

/**
 * The OpenID Connect providers people may sign in with, from OIDC_PROVIDERS (a JSON array;
 * like every variable it can be given as OIDC_PROVIDERS_FILE, which keeps the client secrets
 * out of the environment).
 */
export const oidcProvidersModel = z.array(
  z.object({
    /** How the API names it (startOidcSignIn(provider: "...")). */
    name: z.string().regex(/^[a-z0-9_-]{1,30}$/, 'must be 1 to 30 of a-z, 0-9, _ and -'),
    /** The issuer URL; its /.well-known/openid-configuration is read at first use. */
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** The app's page the provider sends the person back to (registered at the provider). */
    redirectUri: z.url(),
    scope: z.string().default('openid email profile'),
  }),
);

export type OidcProviderConfig = z.infer<typeof oidcProvidersModel>[number];

/** OIDC_PROVIDERS as text → the providers (none when unset); throws a readable message. */
export function parseOidcProviders(raw: string | undefined): OidcProviderConfig[] {
  if (!raw?.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('OIDC_PROVIDERS must be a JSON array');
  }
  const providers = oidcProvidersModel.parse(json);
  const names = providers.map((p) => p.name);
  if (new Set(names).size !== names.length) throw new Error('OIDC_PROVIDERS names must differ');
  return providers;
}
