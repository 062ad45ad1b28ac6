import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { RegisterInput, SessionFragment } from './__generated__/graphql';
import { FlockError } from './errors';
import {
  DeleteAccountDocument,
  RefreshSessionDocument,
  SignInDocument,
  SignOutDocument,
  SignUpDocument,
} from './operations';
import { memoryTokenStore, type TokenStore, type Tokens } from './tokens';

/**
 * A typed operation as text: this SDK's documents (TypedDocumentString), or any string (its
 * result is then `unknown`).
 */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

/**
 * The variables of an operation: they may be left out only when the operation requires none,
 * and then only they.
 */
export type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** What `execute` resolves: the data (null when the whole request failed) and every error. */
export interface FlockResult<TResult> {
  /** With `errors`, a partial answer: the fields that failed are null. */
  data: TResult | null;
  errors: FlockError[];
}

export interface FlockClientOptions {
  /** The gateway's GraphQL endpoint, e.g. https://api.example.com/graphql */
  url: string;
  /** Where the session is kept; in memory by default. In browsers see `browserTokenStore`. */
  tokens?: TokenStore;
  fetch?: typeof fetch;
  /** The session ended without the app asking (its refresh token was refused): sign in again. */
  onSessionEnded?: () => void;
  /** Sent with every request (e.g. an x-correlation-id); cannot replace the ones the client sets. */
  headers?: Record<string, string>;
}

/** One HTTP exchange that produced a GraphQL answer. */
interface Answer<TResult> extends FlockResult<TResult> {
  status: number;
}

type RefreshOutcome =
  | { outcome: 'renewed' }
  | { outcome: 'ended' }
  | { outcome: 'failed'; errors: FlockError[] };

/**
 * A small Flock API client: sends typed operations, keeps the session in a TokenStore and
 * renews it when the access token is refused.
 */
export class FlockClient {
  readonly #url: string;
  readonly #store: TokenStore;
  readonly #fetch: typeof fetch;
  readonly #onSessionEnded: (() => void) | undefined;
  readonly #headers: Record<string, string>;
  /** The refresh under way: every request refused meanwhile waits for this one (the server
   *  treats a refresh token presented again after a few seconds as stolen). */
  #refreshing: Promise<RefreshOutcome> | null = null;
  /** Whose session each refresh token this client saw answered for (refresh token → user
   *  id): the user of a pair whose store does not keep `userId`. The latest few only. */
  readonly #owners = new Map<string, string>();

  constructor(options: FlockClientOptions) {
    this.#url = options.url;
    this.#store = options.tokens ?? memoryTokenStore();
    // Looked up at call time, and never called as a method of the client (browsers refuse a
    // fetch whose `this` is not the window).
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#onSessionEnded = options.onSessionEnded;
    this.#headers = options.headers ?? {};
  }

  get signedIn(): boolean {
    return this.#store.load() !== null;
  }

  get tokens(): Tokens | null {
    return this.#store.load();
  }

  /** Runs an operation; its data, or a FlockError for the first error (even of a partial answer). */
  async request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    ...variables: VariablesArgument<NoInfer<TVariables>>
  ): Promise<TResult> {
    const { data, errors } = await this.execute(document, ...variables);
    const [first] = errors;
    if (first) throw first;
    if (data === null) {
      throw new FlockError('The response holds no data', { code: 'NETWORK_ERROR' });
    }
    return data;
  }

  /**
   * Runs an operation and resolves whatever the API answered: data and errors side by side
   * (a partial answer: fields whose service is down are null, with SERVICE_UNAVAILABLE).
   * Rejects, with NETWORK_ERROR, only when no GraphQL answer came back.
   */
  async execute<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    ...[variables]: VariablesArgument<NoInfer<TVariables>>
  ): Promise<FlockResult<TResult>> {
    let tokens = this.#store.load();
    const refreshFirst = tokens !== null && !tokens.accessToken;
    if (refreshFirst) {
      // Only the refresh token is known (a page load): get an access token first.
      const renewed = await this.#refreshShared();
      if (renewed.outcome === 'failed') return { data: null, errors: renewed.errors };
      tokens = this.#store.load();
    }
    const sent = tokens?.accessToken ? { ...tokens } : null;
    const answer = await this.#post(document, variables, sent?.accessToken);
    // Once: a token refused right after a refresh is not refreshed again.
    if (!sent || refreshFirst || !refusedTheToken(answer, !isQuery(textOf(document)))) {
      return withoutStatus(answer);
    }

    let current = this.#store.load();
    // Signed out, the session ended, or someone else signed in while this request was on its
    // way: the store's session is not the one to renew for it.
    if (
      !current ||
      (current.refreshToken !== sent.refreshToken && !this.#sameUser(sent, current))
    ) {
      return withoutStatus(answer);
    }
    if (!current.accessToken || current.accessToken === sent.accessToken) {
      const renewed = await this.#refreshShared();
      if (renewed.outcome === 'failed') return { data: null, errors: renewed.errors };
      if (renewed.outcome === 'ended') return withoutStatus(answer);
      current = this.#store.load();
    }
    // Never sent again as another user than it was sent as (another sign-in meanwhile, here
    // or in another tab, or a user this client cannot tell): its own refusal is the answer.
    if (!current?.accessToken || !this.#sameUser(sent, current)) return withoutStatus(answer);
    return withoutStatus(await this.#post(document, variables, current.accessToken));
  }

  /** Creates an account and signs it in (the session is kept in the store). */
  async signUp(input: RegisterInput): Promise<SessionFragment> {
    const answer = await this.#post(SignUpDocument, { input }, undefined);
    return this.#keepSession(answer, (data) => data.register);
  }

  /** Signs in with a username or email address and a password. */
  async signIn(login: string, password: string): Promise<SessionFragment> {
    const answer = await this.#post(SignInDocument, { input: { login, password } }, undefined);
    return this.#keepSession(answer, (data) => data.login);
  }

  /**
   * Ends the session on the server and forgets it here. The store is cleared even when the
   * call fails; the error is still thrown then (except UNAUTHENTICATED: that session had
   * already ended), since the server-side session lives on until its refresh token expires.
   */
  async signOut(): Promise<void> {
    const tokens = this.#store.load();
    this.#store.save(null);
    if (!tokens) return;
    const answer = await this.#post(
      SignOutDocument,
      { refreshToken: tokens.refreshToken },
      undefined,
    );
    const failure = answer.errors.find((error) => error.code !== 'UNAUTHENTICATED');
    if (failure) throw failure;
  }

  /**
   * Deletes the signed-in account for good (the current password, or none within minutes of
   * signing in) and forgets the session here once the server has done it. A refusal
   * (BAD_USER_INPUT on `password`, RATE_LIMITED, ...) is thrown and keeps the session.
   */
  async deleteAccount(password?: string): Promise<void> {
    await this.request(DeleteAccountDocument, { password: password ?? null });
    this.#store.save(null);
  }

  /**
   * Trades the refresh token for a new pair now (requests do it by themselves when the access
   * token is refused). True when renewed; false when there is no session or it has ended (the
   * store is cleared and `onSessionEnded` called). Throws on any other failure (the server
   * could not be reached, SERVICE_UNAVAILABLE, RATE_LIMITED): the session may still be alive.
   */
  async refresh(): Promise<boolean> {
    const renewed = await this.#refreshShared();
    if (renewed.outcome === 'failed') throw renewed.errors[0];
    return renewed.outcome === 'renewed';
  }

  #refreshShared(): Promise<RefreshOutcome> {
    if (!this.#refreshing) {
      this.#refreshing = this.#refreshOnce().finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<RefreshOutcome> {
    const used = this.#store.load();
    if (!used) return { outcome: 'ended' };
    // Without the access token: an expired one would fail the whole request.
    const answer = await this.#post(
      RefreshSessionDocument,
      { refreshToken: used.refreshToken },
      undefined,
    );
    const now = this.#store.load();
    const session = answer.data?.refreshSession;
    if (session) {
      // The refresh token was this user's, and so is the one it was traded for.
      this.#learnOwner(used.refreshToken, session.user.id);
      this.#learnOwner(session.refreshToken, session.user.id);
      // Signed out meanwhile: that ended this session too; the new pair is not kept.
      if (!now) return { outcome: 'ended' };
      if (now.refreshToken === used.refreshToken || now.refreshToken === session.refreshToken) {
        this.#store.save(tokensOf(session));
      }
      return { outcome: 'renewed' };
    }
    if (answer.errors.some((error) => error.code === 'UNAUTHENTICATED')) {
      // A store that changed meanwhile (a new sign-in) belongs to another session.
      if (now?.refreshToken === used.refreshToken) {
        this.#store.save(null);
        this.#onSessionEnded?.();
        return { outcome: 'ended' };
      }
      return now ? { outcome: 'renewed' } : { outcome: 'ended' };
    }
    return { outcome: 'failed', errors: answer.errors };
  }

  #keepSession<TResult>(
    answer: Answer<TResult>,
    sessionOf: (data: TResult) => SessionFragment,
  ): SessionFragment {
    const [first] = answer.errors;
    if (first) throw first;
    if (answer.data === null) {
      throw new FlockError('The response holds no data', { code: 'NETWORK_ERROR' });
    }
    const session = sessionOf(answer.data);
    this.#learnOwner(session.refreshToken, session.user.id);
    this.#store.save(tokensOf(session));
    return session;
  }

  #learnOwner(refreshToken: string, userId: string): void {
    this.#owners.delete(refreshToken);
    this.#owners.set(refreshToken, userId);
    if (this.#owners.size > 32) this.#owners.delete(this.#owners.keys().next().value as string);
  }

  /** The user a pair is for: as its store kept it, else as this client learned it. */
  #userOf(tokens: Tokens): string | undefined {
    return tokens.userId || this.#owners.get(tokens.refreshToken);
  }

  /** Whether two pairs are known to be the same user's (unknown is not the same). */
  #sameUser(a: Tokens, b: Tokens): boolean {
    const user = this.#userOf(a);
    return user !== undefined && user === this.#userOf(b);
  }

  /** One POST (never GET: Apollo's CSRF prevention accepts a JSON POST from any origin). */
  async #post<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables | undefined,
    accessToken: string | undefined,
  ): Promise<Answer<TResult>> {
    const query = textOf(document);
    const headers: Record<string, string> = {
      ...this.#headers,
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(this.#url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, operationName: operationNameOf(query), variables }),
      });
      text = await response.text();
    } catch (cause) {
      throw new FlockError(`Could not reach the Flock API: ${messageOf(cause)}`, {
        code: 'NETWORK_ERROR',
        cause,
      });
    }
    const status = response.status;
    const body = parseGraphQLBody(text, response.headers.get('content-type'));
    if (!body) {
      throw new FlockError(`The Flock API answered HTTP ${status} without a GraphQL response`, {
        code: 'NETWORK_ERROR',
        status,
      });
    }
    const retryAfter = retryAfterOf(response.headers.get('retry-after'));
    return {
      status,
      data: (body.data ?? null) as TResult | null,
      errors: (body.errors ?? []).map((error) =>
        FlockError.fromGraphQL(error, { status, retryAfter }),
      ),
    };
  }
}

/**
 * Whether the answer is the gateway refusing the access token, before anything ran: HTTP 401
 * with UNAUTHENTICATED. An UNAUTHENTICATED in a 200 answer is a resolver's (a wrong password
 * to `login`, a field that needs someone signed in): a new token would not change it, and
 * sending a sign-in again would count the wrong password twice. A mutation is sent again
 * only when the refusal carries no data at all (it provably did not run).
 */
function refusedTheToken(answer: Answer<unknown>, mutation: boolean): boolean {
  if (answer.status !== 401) return false;
  if (!answer.errors.some((error) => error.code === 'UNAUTHENTICATED')) return false;
  return !mutation || answer.data === null;
}

function withoutStatus<TResult>({ data, errors }: Answer<TResult>): FlockResult<TResult> {
  return { data, errors };
}

function tokensOf(session: SessionFragment): Tokens {
  return {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    userId: session.user.id,
  };
}

function textOf(document: { toString(): string }): string {
  if (typeof document === 'string') return document;
  if (typeof (document as { kind?: unknown }).kind === 'string') {
    throw new TypeError(
      'FlockClient sends operations as text: generate documents with documentMode "string"',
    );
  }
  return document.toString();
}

const OPERATION = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** What GraphQL ignores before the first definition: white space, commas, a BOM, comments. */
const IGNORED = /^(?:[\s,\uFEFF]|#[^\n\r]*)*/;

/**
 * Whether the operation is plainly a query: its first definition is `query …` (named or not)
 * or the `{ … }` shorthand. Anything else (a mutation, named or anonymous, a document that
 * opens with a fragment) is treated as a mutation, never sent twice unless it did not run.
 */
function isQuery(text: string): boolean {
  const start = text.replace(IGNORED, '');
  return start.startsWith('{') || /^query(?![_0-9A-Za-z])/.test(start);
}

function operationNameOf(query: string): string | undefined {
  return OPERATION.exec(query)?.[2];
}

interface GraphQLBody {
  data?: unknown;
  errors?: unknown[];
}

function parseGraphQLBody(text: string, contentType: string | null): GraphQLBody | undefined {
  if (!contentType?.includes('json')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { data, errors } = body as Record<string, unknown>;
  const hasErrors = Array.isArray(errors) && errors.length > 0;
  if (!hasErrors && (data === undefined || data === null)) return undefined;
  return { data, errors: hasErrors ? errors : undefined };
}

/** Seconds from a Retry-After header (seconds or an HTTP date). */
function retryAfterOf(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
