import { type SigningKey, signAccessToken } from '@flock/auth';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

export type AccessTokenIssuer = (userId: string, sessionId: string) => Promise<IssuedAccessToken>;

export function accessTokenIssuer(
  key: SigningKey,
  settings: AccessTokenSettings,
): AccessTokenIssuer {
  return async (userId, sessionId) => {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + settings.ttlSeconds;
    const token = await signAccessToken(key, {
      sub: userId,
      sid: sessionId,
      issuer: settings.issuer,
      audience: settings.audience,
      issuedAt: now,
      expiresAt: exp,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  };
}
