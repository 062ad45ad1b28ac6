export {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_TYP,
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  JWKS_CACHE_MAX_AGE_MS,
  localKeys,
  type RemoteAccessTokenVerifier,
  type RemoteKeys,
  remoteKeys,
  requireViewer,
  type TokenAudience,
  type Viewer,
  verifierFromEnv,
} from './access-token';
export { type EmailTokenCipher, emailTokenCipher, loadSecretKey } from './email-token';
export { type AccessTokenClaims, signAccessToken } from './sign-access-token';
export { generatePrivateJwk, loadSigningKey, publicJwkOf, type SigningKey } from './signing-key';
