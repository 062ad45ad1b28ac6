import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Neo4jUser } from '../resolvers/neo4j-resolvers';
import type { NetworkContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date and time, represented as an ISO-8601 string */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Boolean filters */
export type BooleanScalarFilters = {
  eq?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CountConnection = {
  __typename?: 'CountConnection';
  edges: Scalars['Int']['output'];
  nodes: Scalars['Int']['output'];
};

export type DateTimeAggregateSelection = {
  __typename?: 'DateTimeAggregateSelection';
  max?: Maybe<Scalars['DateTime']['output']>;
  min?: Maybe<Scalars['DateTime']['output']>;
};

/** DateTime filters */
export type DateTimeScalarFilters = {
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  gte?: InputMaybe<Scalars['DateTime']['input']>;
  in?: InputMaybe<Array<Scalars['DateTime']['input']>>;
  lt?: InputMaybe<Scalars['DateTime']['input']>;
  lte?: InputMaybe<Scalars['DateTime']['input']>;
};

/**
 * The edge properties for the following fields:
 * * User.followers
 * * User.following
 */
export type Follow = {
  __typename?: 'Follow';
  createdAt: Scalars['DateTime']['output'];
};

export type FollowSort = {
  createdAt?: InputMaybe<SortDirection>;
};

export type FollowWhere = {
  AND?: InputMaybe<Array<FollowWhere>>;
  NOT?: InputMaybe<FollowWhere>;
  OR?: InputMaybe<Array<FollowWhere>>;
  createdAt?: InputMaybe<DateTimeScalarFilters>;
  /** @deprecated Please use the relevant generic filter createdAt: { eq: ... } */
  createdAt_EQ?: InputMaybe<Scalars['DateTime']['input']>;
  /** @deprecated Please use the relevant generic filter createdAt: { gt: ... } */
  createdAt_GT?: InputMaybe<Scalars['DateTime']['input']>;
  /** @deprecated Please use the relevant generic filter createdAt: { gte: ... } */
  createdAt_GTE?: InputMaybe<Scalars['DateTime']['input']>;
  /** @deprecated Please use the relevant generic filter createdAt: { in: ... } */
  createdAt_IN?: InputMaybe<Array<Scalars['DateTime']['input']>>;
  /** @deprecated Please use the relevant generic filter createdAt: { lt: ... } */
  createdAt_LT?: InputMaybe<Scalars['DateTime']['input']>;
  /** @deprecated Please use the relevant generic filter createdAt: { lte: ... } */
  createdAt_LTE?: InputMaybe<Scalars['DateTime']['input']>;
};

/** ID filters */
export type IdScalarFilters = {
  contains?: InputMaybe<Scalars['ID']['input']>;
  endsWith?: InputMaybe<Scalars['ID']['input']>;
  eq?: InputMaybe<Scalars['ID']['input']>;
  in?: InputMaybe<Array<Scalars['ID']['input']>>;
  startsWith?: InputMaybe<Scalars['ID']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Follow someone; returns them. Idempotent. Following yourself is BAD_USER_INPUT, an
   * unknown user NOT_FOUND. Emits network.user-followed.v1 when something changed.
   */
  follow: User;
  /**
   * Stop following someone; returns them. Idempotent. Emits network.user-unfollowed.v1 when
   * something changed.
   */
  unfollow: User;
};


export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
};

/** Pagination information (Relay) */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * People the viewer may know: followed by people the viewer follows, ranked by how many of
   * them follow each one; never the viewer or someone already followed. `first`: 1 to 100.
   * Drawn from the viewer's 200 most recent follows and, for each, their 200 most recent.
   */
  suggestedFollows: Array<User>;
};


export type QuerySuggestedFollowsArgs = {
  first?: Scalars['Int']['input'];
};

/** An enum for sorting in either ascending or descending order. */
export enum SortDirection {
  /** Sort by field values in ascending order. */
  Asc = 'ASC',
  /** Sort by field values in descending order. */
  Desc = 'DESC'
}

/**
 * A Flock account as a node of the follow graph. Identity owns the account; this subgraph
 * adds who follows whom. Nodes are created from identity.user-registered.v1 events.
 *
 * Every list of users is a page: `followers`/`following` take `limit` and the connections
 * `first`, 20 when not given, 1 to 100 otherwise (anything else is BAD_USER_INPUT naming the
 * field); `suggestedFollows` takes `first`, 1 to 100.
 */
export type User = {
  __typename?: 'User';
  /**
   * How many follow this user. Like every field of this subgraph's that is not a list, null
   * (with a SERVICE_UNAVAILABLE error) only when the follow graph cannot answer, so the rest of
   * the user (from identity) still does.
   */
  followerCount?: Maybe<Scalars['Int']['output']>;
  /**
   * People who follow this user, 20 unless `limit` says (at most 100). Page newest first with
   * followersConnection(first:, after:, sort: [{ edge: { createdAt: DESC } }]).
   */
  followers: Array<User>;
  followersConnection: UserFollowersConnection;
  /** People this user follows, 20 unless `limit` says (at most 100). */
  following: Array<User>;
  followingConnection: UserFollowingConnection;
  /** How many this user follows. */
  followingCount?: Maybe<Scalars['Int']['output']>;
  /** Whether this user follows the signed-in viewer (false when signed out). */
  followsViewer?: Maybe<Scalars['Boolean']['output']>;
  id: Scalars['ID']['output'];
  /** Whether the signed-in viewer follows this user (false when signed out). */
  viewerFollows?: Maybe<Scalars['Boolean']['output']>;
};


/**
 * A Flock account as a node of the follow graph. Identity owns the account; this subgraph
 * adds who follows whom. Nodes are created from identity.user-registered.v1 events.
 *
 * Every list of users is a page: `followers`/`following` take `limit` and the connections
 * `first`, 20 when not given, 1 to 100 otherwise (anything else is BAD_USER_INPUT naming the
 * field); `suggestedFollows` takes `first`, 1 to 100.
 */
export type UserFollowersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<UserSort>>;
  where?: InputMaybe<UserWhere>;
};


/**
 * A Flock account as a node of the follow graph. Identity owns the account; this subgraph
 * adds who follows whom. Nodes are created from identity.user-registered.v1 events.
 *
 * Every list of users is a page: `followers`/`following` take `limit` and the connections
 * `first`, 20 when not given, 1 to 100 otherwise (anything else is BAD_USER_INPUT naming the
 * field); `suggestedFollows` takes `first`, 1 to 100.
 */
export type UserFollowersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<UserFollowersConnectionSort>>;
  where?: InputMaybe<UserFollowersConnectionWhere>;
};


/**
 * A Flock account as a node of the follow graph. Identity owns the account; this subgraph
 * adds who follows whom. Nodes are created from identity.user-registered.v1 events.
 *
 * Every list of users is a page: `followers`/`following` take `limit` and the connections
 * `first`, 20 when not given, 1 to 100 otherwise (anything else is BAD_USER_INPUT naming the
 * field); `suggestedFollows` takes `first`, 1 to 100.
 */
export type UserFollowingArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<UserSort>>;
  where?: InputMaybe<UserWhere>;
};


/**
 * A Flock account as a node of the follow graph. Identity owns the account; this subgraph
 * adds who follows whom. Nodes are created from identity.user-registered.v1 events.
 *
 * Every list of users is a page: `followers`/`following` take `limit` and the connections
 * `first`, 20 when not given, 1 to 100 otherwise (anything else is BAD_USER_INPUT naming the
 * field); `suggestedFollows` takes `first`, 1 to 100.
 */
export type UserFollowingConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<UserFollowingConnectionSort>>;
  where?: InputMaybe<UserFollowingConnectionWhere>;
};

export type UserFollowersConnection = {
  __typename?: 'UserFollowersConnection';
  aggregate: UserUserFollowersAggregateSelection;
  edges: Array<UserFollowersRelationship>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type UserFollowersConnectionSort = {
  edge?: InputMaybe<FollowSort>;
  node?: InputMaybe<UserSort>;
};

export type UserFollowersConnectionWhere = {
  AND?: InputMaybe<Array<UserFollowersConnectionWhere>>;
  NOT?: InputMaybe<UserFollowersConnectionWhere>;
  OR?: InputMaybe<Array<UserFollowersConnectionWhere>>;
  edge?: InputMaybe<FollowWhere>;
  node?: InputMaybe<UserWhere>;
};

export type UserFollowersRelationship = {
  __typename?: 'UserFollowersRelationship';
  cursor: Scalars['String']['output'];
  node: User;
  properties: Follow;
};

export type UserFollowingConnection = {
  __typename?: 'UserFollowingConnection';
  aggregate: UserUserFollowingAggregateSelection;
  edges: Array<UserFollowingRelationship>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type UserFollowingConnectionSort = {
  edge?: InputMaybe<FollowSort>;
  node?: InputMaybe<UserSort>;
};

export type UserFollowingConnectionWhere = {
  AND?: InputMaybe<Array<UserFollowingConnectionWhere>>;
  NOT?: InputMaybe<UserFollowingConnectionWhere>;
  OR?: InputMaybe<Array<UserFollowingConnectionWhere>>;
  edge?: InputMaybe<FollowWhere>;
  node?: InputMaybe<UserWhere>;
};

export type UserFollowingRelationship = {
  __typename?: 'UserFollowingRelationship';
  cursor: Scalars['String']['output'];
  node: User;
  properties: Follow;
};

/** Fields to sort Users by. The order in which sorts are applied is not guaranteed when specifying many fields in one UserSort object. */
export type UserSort = {
  followsViewer?: InputMaybe<SortDirection>;
  id?: InputMaybe<SortDirection>;
  viewerFollows?: InputMaybe<SortDirection>;
};

export type UserUserFollowersAggregateSelection = {
  __typename?: 'UserUserFollowersAggregateSelection';
  count: CountConnection;
  edge?: Maybe<UserUserFollowersEdgeAggregateSelection>;
};

export type UserUserFollowersEdgeAggregateSelection = {
  __typename?: 'UserUserFollowersEdgeAggregateSelection';
  createdAt: DateTimeAggregateSelection;
};

export type UserUserFollowingAggregateSelection = {
  __typename?: 'UserUserFollowingAggregateSelection';
  count: CountConnection;
  edge?: Maybe<UserUserFollowingEdgeAggregateSelection>;
};

export type UserUserFollowingEdgeAggregateSelection = {
  __typename?: 'UserUserFollowingEdgeAggregateSelection';
  createdAt: DateTimeAggregateSelection;
};

export type UserWhere = {
  AND?: InputMaybe<Array<UserWhere>>;
  NOT?: InputMaybe<UserWhere>;
  OR?: InputMaybe<Array<UserWhere>>;
  followsViewer?: InputMaybe<BooleanScalarFilters>;
  /** @deprecated Please use the relevant generic filter followsViewer: { eq: ... } */
  followsViewer_EQ?: InputMaybe<Scalars['Boolean']['input']>;
  id?: InputMaybe<IdScalarFilters>;
  /** @deprecated Please use the relevant generic filter id: { contains: ... } */
  id_CONTAINS?: InputMaybe<Scalars['ID']['input']>;
  /** @deprecated Please use the relevant generic filter id: { endsWith: ... } */
  id_ENDS_WITH?: InputMaybe<Scalars['ID']['input']>;
  /** @deprecated Please use the relevant generic filter id: { eq: ... } */
  id_EQ?: InputMaybe<Scalars['ID']['input']>;
  /** @deprecated Please use the relevant generic filter id: { in: ... } */
  id_IN?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** @deprecated Please use the relevant generic filter id: { startsWith: ... } */
  id_STARTS_WITH?: InputMaybe<Scalars['ID']['input']>;
  viewerFollows?: InputMaybe<BooleanScalarFilters>;
  /** @deprecated Please use the relevant generic filter viewerFollows: { eq: ... } */
  viewerFollows_EQ?: InputMaybe<Scalars['Boolean']['input']>;
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
    
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs>;

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
  BooleanScalarFilters: BooleanScalarFilters;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CountConnection: ResolverTypeWrapper<CountConnection>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeAggregateSelection: ResolverTypeWrapper<DateTimeAggregateSelection>;
  DateTimeScalarFilters: DateTimeScalarFilters;
  Follow: ResolverTypeWrapper<Follow>;
  FollowSort: FollowSort;
  FollowWhere: FollowWhere;
  IDScalarFilters: IdScalarFilters;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SortDirection: SortDirection;
  User: ResolverTypeWrapper<Neo4jUser>;
  UserFollowersConnection: ResolverTypeWrapper<Omit<UserFollowersConnection, 'edges'> & { edges: Array<ResolversTypes['UserFollowersRelationship']> }>;
  UserFollowersConnectionSort: UserFollowersConnectionSort;
  UserFollowersConnectionWhere: UserFollowersConnectionWhere;
  UserFollowersRelationship: ResolverTypeWrapper<Omit<UserFollowersRelationship, 'node'> & { node: ResolversTypes['User'] }>;
  UserFollowingConnection: ResolverTypeWrapper<Omit<UserFollowingConnection, 'edges'> & { edges: Array<ResolversTypes['UserFollowingRelationship']> }>;
  UserFollowingConnectionSort: UserFollowingConnectionSort;
  UserFollowingConnectionWhere: UserFollowingConnectionWhere;
  UserFollowingRelationship: ResolverTypeWrapper<Omit<UserFollowingRelationship, 'node'> & { node: ResolversTypes['User'] }>;
  UserSort: UserSort;
  UserUserFollowersAggregateSelection: ResolverTypeWrapper<UserUserFollowersAggregateSelection>;
  UserUserFollowersEdgeAggregateSelection: ResolverTypeWrapper<UserUserFollowersEdgeAggregateSelection>;
  UserUserFollowingAggregateSelection: ResolverTypeWrapper<UserUserFollowingAggregateSelection>;
  UserUserFollowingEdgeAggregateSelection: ResolverTypeWrapper<UserUserFollowingEdgeAggregateSelection>;
  UserWhere: UserWhere;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  BooleanScalarFilters: BooleanScalarFilters;
  Boolean: Scalars['Boolean']['output'];
  CountConnection: CountConnection;
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  DateTimeAggregateSelection: DateTimeAggregateSelection;
  DateTimeScalarFilters: DateTimeScalarFilters;
  Follow: Follow;
  FollowSort: FollowSort;
  FollowWhere: FollowWhere;
  IDScalarFilters: IdScalarFilters;
  ID: Scalars['ID']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  String: Scalars['String']['output'];
  Query: Record<PropertyKey, never>;
  User: Neo4jUser;
  UserFollowersConnection: Omit<UserFollowersConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserFollowersRelationship']> };
  UserFollowersConnectionSort: UserFollowersConnectionSort;
  UserFollowersConnectionWhere: UserFollowersConnectionWhere;
  UserFollowersRelationship: Omit<UserFollowersRelationship, 'node'> & { node: ResolversParentTypes['User'] };
  UserFollowingConnection: Omit<UserFollowingConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserFollowingRelationship']> };
  UserFollowingConnectionSort: UserFollowingConnectionSort;
  UserFollowingConnectionWhere: UserFollowingConnectionWhere;
  UserFollowingRelationship: Omit<UserFollowingRelationship, 'node'> & { node: ResolversParentTypes['User'] };
  UserSort: UserSort;
  UserUserFollowersAggregateSelection: UserUserFollowersAggregateSelection;
  UserUserFollowersEdgeAggregateSelection: UserUserFollowersEdgeAggregateSelection;
  UserUserFollowingAggregateSelection: UserUserFollowingAggregateSelection;
  UserUserFollowingEdgeAggregateSelection: UserUserFollowingEdgeAggregateSelection;
  UserWhere: UserWhere;
};

export type CountConnectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['CountConnection'] = ResolversParentTypes['CountConnection']> = {
  edges?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nodes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DateTimeAggregateSelectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['DateTimeAggregateSelection'] = ResolversParentTypes['DateTimeAggregateSelection']> = {
  max?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type FollowResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['Follow'] = ResolversParentTypes['Follow']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  follow?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationFollowArgs, 'userId'>>;
  unfollow?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUnfollowArgs, 'userId'>>;
};

export type PageInfoResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  suggestedFollows?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QuerySuggestedFollowsArgs, 'first'>>;
};

export type UserResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  followerCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  followers?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType, RequireFields<UserFollowersArgs, 'limit'>>;
  followersConnection?: Resolver<ResolversTypes['UserFollowersConnection'], ParentType, ContextType, RequireFields<UserFollowersConnectionArgs, 'first'>>;
  following?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType, RequireFields<UserFollowingArgs, 'limit'>>;
  followingConnection?: Resolver<ResolversTypes['UserFollowingConnection'], ParentType, ContextType, RequireFields<UserFollowingConnectionArgs, 'first'>>;
  followingCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  followsViewer?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  viewerFollows?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type UserFollowersConnectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserFollowersConnection'] = ResolversParentTypes['UserFollowersConnection']> = {
  aggregate?: Resolver<ResolversTypes['UserUserFollowersAggregateSelection'], ParentType, ContextType>;
  edges?: Resolver<Array<ResolversTypes['UserFollowersRelationship']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UserFollowersRelationshipResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserFollowersRelationship'] = ResolversParentTypes['UserFollowersRelationship']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['Follow'], ParentType, ContextType>;
};

export type UserFollowingConnectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserFollowingConnection'] = ResolversParentTypes['UserFollowingConnection']> = {
  aggregate?: Resolver<ResolversTypes['UserUserFollowingAggregateSelection'], ParentType, ContextType>;
  edges?: Resolver<Array<ResolversTypes['UserFollowingRelationship']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UserFollowingRelationshipResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserFollowingRelationship'] = ResolversParentTypes['UserFollowingRelationship']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  properties?: Resolver<ResolversTypes['Follow'], ParentType, ContextType>;
};

export type UserUserFollowersAggregateSelectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserUserFollowersAggregateSelection'] = ResolversParentTypes['UserUserFollowersAggregateSelection']> = {
  count?: Resolver<ResolversTypes['CountConnection'], ParentType, ContextType>;
  edge?: Resolver<Maybe<ResolversTypes['UserUserFollowersEdgeAggregateSelection']>, ParentType, ContextType>;
};

export type UserUserFollowersEdgeAggregateSelectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserUserFollowersEdgeAggregateSelection'] = ResolversParentTypes['UserUserFollowersEdgeAggregateSelection']> = {
  createdAt?: Resolver<ResolversTypes['DateTimeAggregateSelection'], ParentType, ContextType>;
};

export type UserUserFollowingAggregateSelectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserUserFollowingAggregateSelection'] = ResolversParentTypes['UserUserFollowingAggregateSelection']> = {
  count?: Resolver<ResolversTypes['CountConnection'], ParentType, ContextType>;
  edge?: Resolver<Maybe<ResolversTypes['UserUserFollowingEdgeAggregateSelection']>, ParentType, ContextType>;
};

export type UserUserFollowingEdgeAggregateSelectionResolvers<ContextType = NetworkContext, ParentType extends ResolversParentTypes['UserUserFollowingEdgeAggregateSelection'] = ResolversParentTypes['UserUserFollowingEdgeAggregateSelection']> = {
  createdAt?: Resolver<ResolversTypes['DateTimeAggregateSelection'], ParentType, ContextType>;
};

export type Resolvers<ContextType = NetworkContext> = {
  CountConnection?: CountConnectionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DateTimeAggregateSelection?: DateTimeAggregateSelectionResolvers<ContextType>;
  Follow?: FollowResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserFollowersConnection?: UserFollowersConnectionResolvers<ContextType>;
  UserFollowersRelationship?: UserFollowersRelationshipResolvers<ContextType>;
  UserFollowingConnection?: UserFollowingConnectionResolvers<ContextType>;
  UserFollowingRelationship?: UserFollowingRelationshipResolvers<ContextType>;
  UserUserFollowersAggregateSelection?: UserUserFollowersAggregateSelectionResolvers<ContextType>;
  UserUserFollowersEdgeAggregateSelection?: UserUserFollowersEdgeAggregateSelectionResolvers<ContextType>;
  UserUserFollowingAggregateSelection?: UserUserFollowingAggregateSelectionResolvers<ContextType>;
  UserUserFollowingEdgeAggregateSelection?: UserUserFollowingEdgeAggregateSelectionResolvers<ContextType>;
};

