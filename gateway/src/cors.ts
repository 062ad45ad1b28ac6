import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER } from '@flock/logger';
import type { RequestHandler } from '@flock/service';

/**
 * Which web pages may call the API from a browser (CORS). Tokens travel in the Authorization
 * header, never in cookies, so a browser sends no ambient credentials and none are allowed
 * (no Access-Control-Allow-Credentials): the list decides which pages' scripts may call the
 * API and read its answers, and the browser enforces it.
 *
 * Apollo's CSRF prevention stays on: every POST that is not a "simple" request (the JSON
 * content type, or the `apollo-require-preflight` header) makes the browser ask first, and
 * an origin outside the list gets no permission.
 */
export interface CorsPolicy {
  /** Exact origins (`https://app.example.com`), or `*` for any (never with credentials). */
  origins: readonly string[];
  /** How long a browser may keep a preflight's answer. */
  maxAgeSeconds?: number;
}

/** The origins the development stack allows: the web example and Apollo's hosted tools. */
export const developmentOrigins = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'https://sandbox.embed.apollographql.com',
  'https://studio.apollographql.com',
] as const;

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** What a browser app sends besides the CORS-safelisted headers. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  CORRELATION_HEADER,
].join(', ');
/** What a browser app may read from an answer: the id to quote in a report, when to retry. */
const EXPOSED_HEADERS = [CORRELATION_HEADER, 'retry-after'].join(', ');

/** The origin a request's `Origin` header names, when the policy allows it; else undefined. */
export function allowedOrigin(policy: CorsPolicy, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (policy.origins.includes('*')) return '*';
  return policy.origins.includes(origin) ? origin : undefined;
}

/**
 * Wraps the gateway's handler: answers preflights itself (204 for an allowed origin, 403
 * otherwise) and adds the CORS headers to every answer for an allowed origin.
 */
export function withCors(policy: CorsPolicy, handler: RequestHandler): RequestHandler {
  const maxAge = String(policy.maxAgeSeconds ?? 600);
  return (req: IncomingMessage, res: ServerResponse) => {
    const origin = allowedOrigin(policy, req.headers.origin);
    res.setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (!origin) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(
          '{"errors":[{"message":"This origin may not call the API (CORS_ORIGINS)","extensions":{"code":"FORBIDDEN"}}]}',
        );
        return;
      }
      res.writeHead(204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': maxAge,
      });
      res.end();
      return;
    }
    if (req.method === 'OPTIONS') {
      // Not a preflight: a client asking what the endpoint allows.
      res.writeHead(204, { allow: ALLOWED_METHODS });
      res.end();
      return;
    }
    if (origin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    return handler(req, res);
  };
}
