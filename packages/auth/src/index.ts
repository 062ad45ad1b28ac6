export {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_TYP,
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  localKeys,
  remoteKeys,
  requireViewer,
  type TokenAudience,
  type Viewer,
  verifierFromEnv,
} from './access-token';
export { type EmailTokenCipher, emailTokenCipher, loadSecretKey } from './email-token';
export { loadSigningKey, type SigningKey } from './signing-key';
