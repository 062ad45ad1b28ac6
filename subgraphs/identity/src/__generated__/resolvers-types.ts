import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { User as UserModel } from '../generated/prisma/client';
import type { SignedIn } from '../domain/sessions';
import type { OidcSignInResult as OidcSignInResultModel } from '../domain/oidc';
import type { IdentityContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-27T12:00:00.000Z */
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * A signed-in session: a short-lived access token (send it as `Authorization: Bearer ...`)
 * and a refresh token to get the next pair with `refreshSession`.
 */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  accessToken: Scalars['String']['output'];
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /**
   * Single use: every refresh returns a new one. Presented again within a few seconds of its
   * refresh (a concurrent refresh: another tab, a retry) it returns the same new one; presented
   * again later, it was replayed, and the session is ended.
   */
  refreshToken: Scalars['String']['output'];
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  user: User;
};

export enum CacheControlScope {
  Private = 'PRIVATE',
  Public = 'PUBLIC'
}

/** A provider account linked to the signed-in user's. */
export type LinkedProvider = {
  __typename?: 'LinkedProvider';
  /** The address the provider gave when linked. */
  email?: Maybe<Scalars['String']['output']>;
  linkedAt: Scalars['DateTime']['output'];
  provider: Scalars['String']['output'];
};

export type LoginInput = {
  /** The username or the email address. */
  login: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Asks to move the signed-in account to another address: a confirmation link goes to the new
   * address, which replaces the old one only once confirmed (confirmEmailChange); the old
   * address is then told. Checks the current password (limited like changePassword). True also
   * when the new address belongs to another account; then nothing is sent (see README).
   * Limited per account like resendVerificationEmail.
   */
  changeEmail: Scalars['Boolean']['output'];
  /**
   * Changes the password and ends every other session of the account. Wrong current passwords
   * are limited like login attempts (per account and client address).
   */
  changePassword: Scalars['Boolean']['output'];
  /**
   * Creates the account of a first sign-in with the chosen username, signed in. Limited per
   * client address like register.
   */
  completeOidcSignUp: AuthPayload;
  /**
   * Confirms an email change with the token from the link sent to the new address: the account
   * now has that address, verified. A used, superseded, expired or unknown token is
   * BAD_USER_INPUT on `token`.
   */
  confirmEmailChange: User;
  /**
   * Deletes the signed-in account for good, proven by its current password (wrong ones are
   * limited like changePassword's), or, without one, by a sign-in within the last 5 minutes.
   * The username and email are free at once; the other services remove the person's graph node
   * and follows, posts, likes and timelines within seconds, and a confirmation email is sent.
   * Access tokens already issued stop working for everything the account owned.
   */
  deleteAccount: Scalars['Boolean']['output'];
  /**
   * Finishes a link with the callback's code and state. CONFLICT when that provider account is
   * linked to another Flock account.
   */
  finishOidcLink: Array<LinkedProvider>;
  /**
   * Finishes a sign-in with the callback's code and state (and iss when the provider sends it):
   * the session of the linked account, or a sign-up to complete. An unknown, used or expired
   * state is BAD_USER_INPUT on `state`; a code the provider refuses or an ID token that does not
   * verify, BAD_USER_INPUT on `code`. A provider account whose email an existing account has is
   * never joined to it: CONFLICT (sign in, then link).
   */
  finishOidcSignIn: OidcSignInResult;
  /**
   * Signs in with username or email. A wrong password and an unknown account fail alike.
   * Attempts are limited per login name and client address (RATE_LIMITED with retryAfter); many
   * failures from many clients slow attempts down without locking the account.
   */
  login: AuthPayload;
  /** Ends a session: the one of the given refresh token, else the caller's current one. */
  logout: Scalars['Boolean']['output'];
  /** Trades a refresh token for a new session pair (rotation); UNAUTHENTICATED once the session ended. */
  refreshSession: AuthPayload;
  /**
   * Creates an account, signs it in and sends the welcome email with a verification link.
   * Limited per client address (RATE_LIMITED with retryAfter). An unverified account that nobody
   * used after its verification link expired no longer holds its username and email.
   */
  register: AuthPayload;
  /**
   * Emails a password reset link to the address if an account has it. Always true, registered
   * or not, so it never tells whether an address has an account. Limited per address and per
   * client address (RATE_LIMITED with retryAfter). The link works once, for 30 minutes by
   * default; only the newest one works.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /**
   * Sends the signed-in user a new verification link (earlier links keep working until they
   * expire). False when the address is already verified: nothing is sent. Limited per account
   * (RATE_LIMITED with retryAfter), 3 per hour and 6 per day by default.
   */
  resendVerificationEmail: Scalars['Boolean']['output'];
  /**
   * Sets a new password (8 to 128 characters) with the token of a reset link, ends every
   * session of the account and tells the owner by email; sign in again afterwards. A used,
   * superseded, expired or unknown token is BAD_USER_INPUT on `token`.
   */
  resetPassword: Scalars['Boolean']['output'];
  /** Ends every session of the signed-in user but the current one; the number ended. */
  revokeOtherSessions: Scalars['Int']['output'];
  /**
   * Ends one of the signed-in user's sessions: its refresh token stops working at once (its
   * access tokens live until they expire, see README). NOT_FOUND for an id that is not one of
   * the caller's sessions. True also when it had already ended.
   */
  revokeSession: Scalars['Boolean']['output'];
  /** Starts linking a provider account to the signed-in user's. */
  startOidcLink: OidcAuthorization;
  /**
   * Starts a sign-in with an OpenID Connect provider (see oidcProviders): the authorization URL
   * (code flow with PKCE, state and nonce). The callback must come back within 10 minutes.
   */
  startOidcSignIn: OidcAuthorization;
  /**
   * Unlinks the provider from the signed-in user's account. Refused (BAD_USER_INPUT on
   * `provider`) when it is the last way to sign in: an account without a password keeps one
   * provider (set a password with requestPasswordReset first).
   */
  unlinkOidcProvider: Array<LinkedProvider>;
  updateProfile: User;
  /** Confirms the email address with the token from the verification email. */
  verifyEmail: User;
};


export type MutationChangeEmailArgs = {
  currentPassword: Scalars['String']['input'];
  newEmail: Scalars['String']['input'];
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationCompleteOidcSignUpArgs = {
  ticket: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationConfirmEmailChangeArgs = {
  token: Scalars['String']['input'];
};


export type MutationDeleteAccountArgs = {
  password?: InputMaybe<Scalars['String']['input']>;
};


export type MutationFinishOidcLinkArgs = {
  code: Scalars['String']['input'];
  iss?: InputMaybe<Scalars['String']['input']>;
  state: Scalars['String']['input'];
};


export type MutationFinishOidcSignInArgs = {
  code: Scalars['String']['input'];
  iss?: InputMaybe<Scalars['String']['input']>;
  state: Scalars['String']['input'];
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationLogoutArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStartOidcLinkArgs = {
  provider: Scalars['String']['input'];
};


export type MutationStartOidcSignInArgs = {
  provider: Scalars['String']['input'];
};


export type MutationUnlinkOidcProviderArgs = {
  provider: Scalars['String']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};

/**
 * Where to send the person to sign in with an OpenID Connect provider. The app opens
 * `authorizationUrl`; the provider sends the person back to the app's callback page with
 * `code`, `state` (and `iss`), which the app passes to finishOidcSignIn / finishOidcLink.
 */
export type OidcAuthorization = {
  __typename?: 'OidcAuthorization';
  authorizationUrl: Scalars['String']['output'];
  /** Also in the URL: the app may keep it to match the callback (Flock checks it regardless). */
  state: Scalars['String']['output'];
};

/** Exactly one of them: a session (a linked account) or a sign-up to complete. */
export type OidcSignInResult = {
  __typename?: 'OidcSignInResult';
  session?: Maybe<AuthPayload>;
  signUp?: Maybe<OidcSignUp>;
};

/**
 * A first sign-in with a provider account no Flock account has: the person chooses a
 * username, then the app calls completeOidcSignUp with the ticket.
 */
export type OidcSignUp = {
  __typename?: 'OidcSignUp';
  /** The provider's email address, the new account's. */
  email: Scalars['String']['output'];
  /** Whether the provider vouched for the address (email_verified); if not, Flock verifies it. */
  emailVerified: Scalars['Boolean']['output'];
  expiresAt: Scalars['DateTime']['output'];
  /** A valid username derived from the provider's profile, to offer; null when none fits. */
  suggestedUsername?: Maybe<Scalars['String']['output']>;
  ticket: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The signed-in user (UNAUTHENTICATED without a token). */
  me: User;
  /** The provider accounts linked to the signed-in user's. */
  myLinkedProviders: Array<LinkedProvider>;
  /**
   * The signed-in user's active sessions (not ended, not expired), most recently used first;
   * at most the 100 most recent.
   */
  mySessions: Array<Session>;
  /** The names of the OpenID Connect providers one can sign in with (configuration). */
  oidcProviders: Array<Scalars['String']['output']>;
  /** One user by id or by username (exactly one of them); null when there is none. */
  user?: Maybe<User>;
};


export type QueryUserArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterInput = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  /** 8 to 128 characters. */
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

/**
 * One place where the signed-in user is signed in (a login, a registration): a refresh-token
 * family. Visible to its owner only.
 */
export type Session = {
  __typename?: 'Session';
  /**
   * The client, as described by the user agent it signed in with ("Firefox 133 on Linux"); the
   * raw user agent when it names no known browser; null when the client sent none.
   */
  client?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** True for the session of the access token this request was made with. */
  current: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** The last sign-in or refresh of this session. */
  lastUsedAt: Scalars['DateTime']['output'];
};

export type UpdateProfileInput = {
  /** Up to 300 characters; null or empty clears it. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** Up to 50 characters; null or empty clears it. */
  displayName?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A Flock account. Other subgraphs add fields to it (followers, posts, timeline...). Where a
 * user appears inside lists (authors in feeds), a profile edit may show up to 30 s late (the
 * gateway's entity cache).
 */
export type User = {
  __typename?: 'User';
  bio?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  /** Visible to the account's owner only; null for everyone else. */
  email?: Maybe<Scalars['String']['output']>;
  /** Whether the owner verified their email address; null for everyone else. */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  id: Scalars['ID']['output'];
  /** Unique, 3–30 of [a-z0-9_], case-insensitive (stored lower-case). */
  username: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuthPayload: ResolverTypeWrapper<SignedIn>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LinkedProvider: ResolverTypeWrapper<LinkedProvider>;
  LoginInput: LoginInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  OidcAuthorization: ResolverTypeWrapper<OidcAuthorization>;
  OidcSignInResult: ResolverTypeWrapper<OidcSignInResultModel>;
  OidcSignUp: ResolverTypeWrapper<OidcSignUp>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterInput: RegisterInput;
  Session: ResolverTypeWrapper<Session>;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuthPayload: SignedIn;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  LinkedProvider: LinkedProvider;
  LoginInput: LoginInput;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  OidcAuthorization: OidcAuthorization;
  OidcSignInResult: OidcSignInResultModel;
  OidcSignUp: OidcSignUp;
  Query: Record<PropertyKey, never>;
  RegisterInput: RegisterInput;
  Session: Session;
  UpdateProfileInput: UpdateProfileInput;
  User: UserModel;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  accessTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refreshTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LinkedProviderResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['LinkedProvider'] = ResolversParentTypes['LinkedProvider']> = {
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  linkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  changeEmail?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangeEmailArgs, 'currentPassword' | 'newEmail'>>;
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword'>>;
  completeOidcSignUp?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationCompleteOidcSignUpArgs, 'ticket' | 'username'>>;
  confirmEmailChange?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationConfirmEmailChangeArgs, 'token'>>;
  deleteAccount?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationDeleteAccountArgs>>;
  finishOidcLink?: Resolver<Array<ResolversTypes['LinkedProvider']>, ParentType, ContextType, RequireFields<MutationFinishOidcLinkArgs, 'code' | 'state'>>;
  finishOidcSignIn?: Resolver<ResolversTypes['OidcSignInResult'], ParentType, ContextType, RequireFields<MutationFinishOidcSignInArgs, 'code' | 'state'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationLogoutArgs>>;
  refreshSession?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshSessionArgs, 'refreshToken'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  requestPasswordReset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestPasswordResetArgs, 'email'>>;
  resendVerificationEmail?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  resetPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'newPassword' | 'token'>>;
  revokeOtherSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  revokeSession?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeSessionArgs, 'id'>>;
  startOidcLink?: Resolver<ResolversTypes['OidcAuthorization'], ParentType, ContextType, RequireFields<MutationStartOidcLinkArgs, 'provider'>>;
  startOidcSignIn?: Resolver<ResolversTypes['OidcAuthorization'], ParentType, ContextType, RequireFields<MutationStartOidcSignInArgs, 'provider'>>;
  unlinkOidcProvider?: Resolver<Array<ResolversTypes['LinkedProvider']>, ParentType, ContextType, RequireFields<MutationUnlinkOidcProviderArgs, 'provider'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
  verifyEmail?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationVerifyEmailArgs, 'token'>>;
};

export type OidcAuthorizationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcAuthorization'] = ResolversParentTypes['OidcAuthorization']> = {
  authorizationUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OidcSignInResultResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcSignInResult'] = ResolversParentTypes['OidcSignInResult']> = {
  session?: Resolver<Maybe<ResolversTypes['AuthPayload']>, ParentType, ContextType>;
  signUp?: Resolver<Maybe<ResolversTypes['OidcSignUp']>, ParentType, ContextType>;
};

export type OidcSignUpResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['OidcSignUp'] = ResolversParentTypes['OidcSignUp']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  emailVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  suggestedUsername?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ticket?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  myLinkedProviders?: Resolver<Array<ResolversTypes['LinkedProvider']>, ParentType, ContextType>;
  mySessions?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType>;
  oidcProviders?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, Partial<QueryUserArgs>>;
};

export type SessionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = {
  client?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  bio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  emailVerified?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = IdentityContext> = {
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LinkedProvider?: LinkedProviderResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OidcAuthorization?: OidcAuthorizationResolvers<ContextType>;
  OidcSignInResult?: OidcSignInResultResolvers<ContextType>;
  OidcSignUp?: OidcSignUpResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = IdentityContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
