import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYP, type SigningKey } from '@flock/auth';
import { SignJWT } from 'jose';
import { uuidv7 } from 'uuidv7';

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
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYP, kid: key.kid })
      .setSubject(userId)
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(uuidv7())
      .sign(key.privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  };
}
