/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type LoginInput = {
  /** The username or the email address. */
  login: string;
  password: string;
};

export type RegisterInput = {
  displayName?: string | null | undefined;
  email: string;
  /** 8 to 128 characters. */
  password: string;
  username: string;
};

export type UpdateProfileInput = {
  /** Up to 300 characters; null or empty clears it. */
  bio?: string | null | undefined;
  /** Up to 50 characters; null or empty clears it. */
  displayName?: string | null | undefined;
};

export type UserSummaryFragment = { id: string, username: string, displayName: string | null };

export type PostFieldsFragment = { id: string, body: string, createdAt: string, editedAt: string | null, likeCount: number, replyCount: number, viewerHasLiked: boolean, author: { id: string, username: string, displayName: string | null } | null, replyTo: { id: string, author: { id: string, username: string, displayName: string | null } | null } | null };

export type SessionFragment = { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, user: { id: string, username: string, displayName: string | null } };

export type SignUpMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type SignUpMutation = { register: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, user: { id: string, username: string, displayName: string | null } } };

export type SignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type SignInMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, user: { id: string, username: string, displayName: string | null } } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshSessionMutation = { refreshSession: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, user: { id: string, username: string, displayName: string | null } } };

export type SignOutMutationVariables = Exact<{
  refreshToken?: string | null | undefined;
}>;


export type SignOutMutation = { logout: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { bio: string | null, email: string | null, emailVerified: boolean | null, createdAt: string, followerCount: number | null, followingCount: number | null, id: string, username: string, displayName: string | null } };

export type UserByUsernameQueryVariables = Exact<{
  username: string;
}>;


export type UserByUsernameQuery = { user: { bio: string | null, createdAt: string, followerCount: number | null, followingCount: number | null, viewerFollows: boolean | null, followsViewer: boolean | null, id: string, username: string, displayName: string | null } | null };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { updateProfile: { bio: string | null, id: string, username: string, displayName: string | null } };

export type FollowMutationVariables = Exact<{
  userId: string;
}>;


export type FollowMutation = { follow: { followerCount: number | null, viewerFollows: boolean | null, id: string, username: string, displayName: string | null } };

export type UnfollowMutationVariables = Exact<{
  userId: string;
}>;


export type UnfollowMutation = { unfollow: { followerCount: number | null, viewerFollows: boolean | null, id: string, username: string, displayName: string | null } };

export type FollowersQueryVariables = Exact<{
  username: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FollowersQuery = { user: { id: string, followersConnection: { totalCount: number, edges: Array<{ cursor: string, properties: { createdAt: string }, node: { viewerFollows: boolean | null, id: string, username: string, displayName: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type FollowingQueryVariables = Exact<{
  username: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FollowingQuery = { user: { id: string, followingConnection: { totalCount: number, edges: Array<{ cursor: string, properties: { createdAt: string }, node: { viewerFollows: boolean | null, id: string, username: string, displayName: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type SuggestedFollowsQueryVariables = Exact<{
  first: number;
}>;


export type SuggestedFollowsQuery = { suggestedFollows: Array<{ followsViewer: boolean | null, id: string, username: string, displayName: string | null }> };

export type HomeFeedQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type HomeFeedQuery = { homeFeed: { edges: Array<{ cursor: string, node: { id: string, body: string, createdAt: string, editedAt: string | null, likeCount: number, replyCount: number, viewerHasLiked: boolean, author: { id: string, username: string, displayName: string | null } | null, replyTo: { id: string, author: { id: string, username: string, displayName: string | null } | null } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type UserTimelineQueryVariables = Exact<{
  username: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UserTimelineQuery = { user: { id: string, timeline: { edges: Array<{ cursor: string, node: { id: string, body: string, createdAt: string, editedAt: string | null, likeCount: number, replyCount: number, viewerHasLiked: boolean, author: { id: string, username: string, displayName: string | null } | null, replyTo: { id: string, author: { id: string, username: string, displayName: string | null } | null } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type PostQueryVariables = Exact<{
  id: string;
}>;


export type PostQuery = { post: { id: string, body: string, createdAt: string, editedAt: string | null, likeCount: number, replyCount: number, viewerHasLiked: boolean, author: { id: string, username: string, displayName: string | null } | null, replyTo: { id: string, author: { id: string, username: string, displayName: string | null } | null } | null } | null };

export type PostRepliesQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PostRepliesQuery = { post: { id: string, replies: { edges: Array<{ cursor: string, node: { id: string, body: string, createdAt: string, editedAt: string | null, likeCount: number, replyCount: number, viewerHasLiked: boolean, author: { id: string, username: string, displayName: string | null } | null, replyTo: { id: string, author: { id: string, username: string, displayName: string | null } | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type CreatePostMutationVariables = Exact<{
  body: string;
  replyToId?: string | null | undefined;
}>;


export type CreatePostMutation = { createPost: { id: string, body: string, createdAt: string, editedAt: string | null, likeCount: number, replyCount: number, viewerHasLiked: boolean, author: { id: string, username: string, displayName: string | null } | null, replyTo: { id: string, author: { id: string, username: string, displayName: string | null } | null } | null } };

export type DeletePostMutationVariables = Exact<{
  id: string;
}>;


export type DeletePostMutation = { deletePost: string };

export type LikePostMutationVariables = Exact<{
  id: string;
}>;


export type LikePostMutation = { likePost: { id: string, likeCount: number, viewerHasLiked: boolean } };

export type UnlikePostMutationVariables = Exact<{
  id: string;
}>;


export type UnlikePostMutation = { unlikePost: { id: string, likeCount: number, viewerHasLiked: boolean } };

export type MySessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MySessionsQuery = { mySessions: Array<{ id: string, createdAt: string, lastUsedAt: string, client: string | null, current: boolean }> };

export type RevokeSessionMutationVariables = Exact<{
  id: string;
}>;


export type RevokeSessionMutation = { revokeSession: boolean };

export type RevokeOtherSessionsMutationVariables = Exact<{ [key: string]: never; }>;


export type RevokeOtherSessionsMutation = { revokeOtherSessions: number };

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  newPassword: string;
}>;


export type ResetPasswordMutation = { resetPassword: boolean };

export type ChangeEmailMutationVariables = Exact<{
  newEmail: string;
  currentPassword: string;
}>;


export type ChangeEmailMutation = { changeEmail: boolean };

export type ConfirmEmailChangeMutationVariables = Exact<{
  token: string;
}>;


export type ConfirmEmailChangeMutation = { confirmEmailChange: { email: string | null, emailVerified: boolean | null, id: string, username: string, displayName: string | null } };

export type DeleteAccountMutationVariables = Exact<{
  password?: string | null | undefined;
}>;


export type DeleteAccountMutation = { deleteAccount: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const UserSummaryFragmentDoc = new TypedDocumentString(`
    fragment UserSummary on User {
  id
  username
  displayName
}
    `, {"fragmentName":"UserSummary"}) as unknown as TypedDocumentString<UserSummaryFragment, unknown>;
export const PostFieldsFragmentDoc = new TypedDocumentString(`
    fragment PostFields on Post {
  id
  body
  createdAt
  editedAt
  likeCount
  replyCount
  viewerHasLiked
  author {
    ...UserSummary
  }
  replyTo {
    id
    author {
      ...UserSummary
    }
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`, {"fragmentName":"PostFields"}) as unknown as TypedDocumentString<PostFieldsFragment, unknown>;
export const SessionFragmentDoc = new TypedDocumentString(`
    fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  refreshTokenExpiresAt
  user {
    ...UserSummary
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`, {"fragmentName":"Session"}) as unknown as TypedDocumentString<SessionFragment, unknown>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($input: RegisterInput!) {
  register(input: $input) {
    ...Session
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  refreshTokenExpiresAt
  user {
    ...UserSummary
  }
}`) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: LoginInput!) {
  login(input: $input) {
    ...Session
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  refreshTokenExpiresAt
  user {
    ...UserSummary
  }
}`) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    ...Session
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  refreshTokenExpiresAt
  user {
    ...UserSummary
  }
}`) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut($refreshToken: String) {
  logout(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...UserSummary
    bio
    email
    emailVerified
    createdAt
    followerCount
    followingCount
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const UserByUsernameDocument = new TypedDocumentString(`
    query UserByUsername($username: String!) {
  user(username: $username) {
    ...UserSummary
    bio
    createdAt
    followerCount
    followingCount
    viewerFollows
    followsViewer
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<UserByUsernameQuery, UserByUsernameQueryVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    ...UserSummary
    bio
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const FollowDocument = new TypedDocumentString(`
    mutation Follow($userId: ID!) {
  follow(userId: $userId) {
    ...UserSummary
    followerCount
    viewerFollows
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<FollowMutation, FollowMutationVariables>;
export const UnfollowDocument = new TypedDocumentString(`
    mutation Unfollow($userId: ID!) {
  unfollow(userId: $userId) {
    ...UserSummary
    followerCount
    viewerFollows
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<UnfollowMutation, UnfollowMutationVariables>;
export const FollowersDocument = new TypedDocumentString(`
    query Followers($username: String!, $first: Int, $after: String) {
  user(username: $username) {
    id
    followersConnection(
      first: $first
      after: $after
      sort: [{edge: {createdAt: DESC}}]
    ) {
      totalCount
      edges {
        cursor
        properties {
          createdAt
        }
        node {
          ...UserSummary
          viewerFollows
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<FollowersQuery, FollowersQueryVariables>;
export const FollowingDocument = new TypedDocumentString(`
    query Following($username: String!, $first: Int, $after: String) {
  user(username: $username) {
    id
    followingConnection(
      first: $first
      after: $after
      sort: [{edge: {createdAt: DESC}}]
    ) {
      totalCount
      edges {
        cursor
        properties {
          createdAt
        }
        node {
          ...UserSummary
          viewerFollows
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<FollowingQuery, FollowingQueryVariables>;
export const SuggestedFollowsDocument = new TypedDocumentString(`
    query SuggestedFollows($first: Int!) {
  suggestedFollows(first: $first) {
    ...UserSummary
    followsViewer
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<SuggestedFollowsQuery, SuggestedFollowsQueryVariables>;
export const HomeFeedDocument = new TypedDocumentString(`
    query HomeFeed($first: Int, $after: String) {
  homeFeed(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...PostFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment PostFields on Post {
  id
  body
  createdAt
  editedAt
  likeCount
  replyCount
  viewerHasLiked
  author {
    ...UserSummary
  }
  replyTo {
    id
    author {
      ...UserSummary
    }
  }
}`) as unknown as TypedDocumentString<HomeFeedQuery, HomeFeedQueryVariables>;
export const UserTimelineDocument = new TypedDocumentString(`
    query UserTimeline($username: String!, $first: Int, $after: String) {
  user(username: $username) {
    id
    timeline(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...PostFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment PostFields on Post {
  id
  body
  createdAt
  editedAt
  likeCount
  replyCount
  viewerHasLiked
  author {
    ...UserSummary
  }
  replyTo {
    id
    author {
      ...UserSummary
    }
  }
}`) as unknown as TypedDocumentString<UserTimelineQuery, UserTimelineQueryVariables>;
export const PostDocument = new TypedDocumentString(`
    query Post($id: ID!) {
  post(id: $id) {
    ...PostFields
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment PostFields on Post {
  id
  body
  createdAt
  editedAt
  likeCount
  replyCount
  viewerHasLiked
  author {
    ...UserSummary
  }
  replyTo {
    id
    author {
      ...UserSummary
    }
  }
}`) as unknown as TypedDocumentString<PostQuery, PostQueryVariables>;
export const PostRepliesDocument = new TypedDocumentString(`
    query PostReplies($id: ID!, $first: Int, $after: String) {
  post(id: $id) {
    id
    replies(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...PostFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment PostFields on Post {
  id
  body
  createdAt
  editedAt
  likeCount
  replyCount
  viewerHasLiked
  author {
    ...UserSummary
  }
  replyTo {
    id
    author {
      ...UserSummary
    }
  }
}`) as unknown as TypedDocumentString<PostRepliesQuery, PostRepliesQueryVariables>;
export const CreatePostDocument = new TypedDocumentString(`
    mutation CreatePost($body: String!, $replyToId: ID) {
  createPost(body: $body, replyToId: $replyToId) {
    ...PostFields
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}
fragment PostFields on Post {
  id
  body
  createdAt
  editedAt
  likeCount
  replyCount
  viewerHasLiked
  author {
    ...UserSummary
  }
  replyTo {
    id
    author {
      ...UserSummary
    }
  }
}`) as unknown as TypedDocumentString<CreatePostMutation, CreatePostMutationVariables>;
export const DeletePostDocument = new TypedDocumentString(`
    mutation DeletePost($id: ID!) {
  deletePost(id: $id)
}
    `) as unknown as TypedDocumentString<DeletePostMutation, DeletePostMutationVariables>;
export const LikePostDocument = new TypedDocumentString(`
    mutation LikePost($id: ID!) {
  likePost(id: $id) {
    id
    likeCount
    viewerHasLiked
  }
}
    `) as unknown as TypedDocumentString<LikePostMutation, LikePostMutationVariables>;
export const UnlikePostDocument = new TypedDocumentString(`
    mutation UnlikePost($id: ID!) {
  unlikePost(id: $id) {
    id
    likeCount
    viewerHasLiked
  }
}
    `) as unknown as TypedDocumentString<UnlikePostMutation, UnlikePostMutationVariables>;
export const MySessionsDocument = new TypedDocumentString(`
    query MySessions {
  mySessions {
    id
    createdAt
    lastUsedAt
    client
    current
  }
}
    `) as unknown as TypedDocumentString<MySessionsQuery, MySessionsQueryVariables>;
export const RevokeSessionDocument = new TypedDocumentString(`
    mutation RevokeSession($id: ID!) {
  revokeSession(id: $id)
}
    `) as unknown as TypedDocumentString<RevokeSessionMutation, RevokeSessionMutationVariables>;
export const RevokeOtherSessionsDocument = new TypedDocumentString(`
    mutation RevokeOtherSessions {
  revokeOtherSessions
}
    `) as unknown as TypedDocumentString<RevokeOtherSessionsMutation, RevokeOtherSessionsMutationVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($email: String!) {
  requestPasswordReset(email: $email)
}
    `) as unknown as TypedDocumentString<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($token: String!, $newPassword: String!) {
  resetPassword(token: $token, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ChangeEmailDocument = new TypedDocumentString(`
    mutation ChangeEmail($newEmail: String!, $currentPassword: String!) {
  changeEmail(newEmail: $newEmail, currentPassword: $currentPassword)
}
    `) as unknown as TypedDocumentString<ChangeEmailMutation, ChangeEmailMutationVariables>;
export const ConfirmEmailChangeDocument = new TypedDocumentString(`
    mutation ConfirmEmailChange($token: String!) {
  confirmEmailChange(token: $token) {
    ...UserSummary
    email
    emailVerified
  }
}
    fragment UserSummary on User {
  id
  username
  displayName
}`) as unknown as TypedDocumentString<ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables>;
export const DeleteAccountDocument = new TypedDocumentString(`
    mutation DeleteAccount($password: String) {
  deleteAccount(password: $password)
}
    `) as unknown as TypedDocumentString<DeleteAccountMutation, DeleteAccountMutationVariables>;