/**
 * Every operation an app needs, typed by `npm run codegen` from schema/api.graphql. Each
 * constant is a TypedDocumentString: the query text, carrying its result and variable types.
 * The names are the contract with apps: rename one and their code stops compiling.
 */
import { graphql } from './__generated__';

export const UserSummaryFragmentDoc = graphql(`
  fragment UserSummary on User {
    id
    username
    displayName
  }
`);

export const PostFieldsFragmentDoc = graphql(`
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
`);

/** What signing up, signing in and refreshing answer: the token pair and who it is for. */
export const SessionFragmentDoc = graphql(`
  fragment Session on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
    refreshTokenExpiresAt
    user {
      ...UserSummary
    }
  }
`);

// Sessions

export const SignUpDocument = graphql(`
  mutation SignUp($input: RegisterInput!) {
    register(input: $input) {
      ...Session
    }
  }
`);

export const SignInDocument = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      ...Session
    }
  }
`);

export const RefreshSessionDocument = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...Session
    }
  }
`);

export const SignOutDocument = graphql(`
  mutation SignOut($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`);

// People

export const MeDocument = graphql(`
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
`);

export const UserByUsernameDocument = graphql(`
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
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      ...UserSummary
      bio
    }
  }
`);

export const FollowDocument = graphql(`
  mutation Follow($userId: ID!) {
    follow(userId: $userId) {
      ...UserSummary
      followerCount
      viewerFollows
    }
  }
`);

export const UnfollowDocument = graphql(`
  mutation Unfollow($userId: ID!) {
    unfollow(userId: $userId) {
      ...UserSummary
      followerCount
      viewerFollows
    }
  }
`);

/** A user's followers, newest follow first. */
export const FollowersDocument = graphql(`
  query Followers($username: String!, $first: Int, $after: String) {
    user(username: $username) {
      id
      followersConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {
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
`);

/** Whom a user follows, newest follow first. */
export const FollowingDocument = graphql(`
  query Following($username: String!, $first: Int, $after: String) {
    user(username: $username) {
      id
      followingConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {
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
`);

export const SuggestedFollowsDocument = graphql(`
  query SuggestedFollows($first: Int!) {
    suggestedFollows(first: $first) {
      ...UserSummary
      followsViewer
    }
  }
`);

// Posts and timelines

export const HomeFeedDocument = graphql(`
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
`);

export const UserTimelineDocument = graphql(`
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
`);

export const PostDocument = graphql(`
  query Post($id: ID!) {
    post(id: $id) {
      ...PostFields
    }
  }
`);

/** A post's replies, oldest first (conversation order). */
export const PostRepliesDocument = graphql(`
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
`);

export const CreatePostDocument = graphql(`
  mutation CreatePost($body: String!, $replyToId: ID) {
    createPost(body: $body, replyToId: $replyToId) {
      ...PostFields
    }
  }
`);

export const DeletePostDocument = graphql(`
  mutation DeletePost($id: ID!) {
    deletePost(id: $id)
  }
`);

export const LikePostDocument = graphql(`
  mutation LikePost($id: ID!) {
    likePost(id: $id) {
      id
      likeCount
      viewerHasLiked
    }
  }
`);

export const UnlikePostDocument = graphql(`
  mutation UnlikePost($id: ID!) {
    unlikePost(id: $id) {
      id
      likeCount
      viewerHasLiked
    }
  }
`);

// The account

/** The signed-in person's sessions (devices), most recently used first; `current` is this one. */
export const MySessionsDocument = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastUsedAt
      client
      current
    }
  }
`);

export const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

/** "Sign out everywhere else": the number of sessions ended. */
export const RevokeOtherSessionsDocument = graphql(`
  mutation RevokeOtherSessions {
    revokeOtherSessions
  }
`);

/** Always true: it never tells whether an account has the address. */
export const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/** With the token of the emailed link; ends every session: sign in again afterwards. */
export const ResetPasswordDocument = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export const ChangeEmailDocument = graphql(`
  mutation ChangeEmail($newEmail: String!, $currentPassword: String!) {
    changeEmail(newEmail: $newEmail, currentPassword: $currentPassword)
  }
`);

export const ConfirmEmailChangeDocument = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      ...UserSummary
      email
      emailVerified
    }
  }
`);

/** Deletes the signed-in account for good: `client.deleteAccount()` also forgets the session. */
export const DeleteAccountDocument = graphql(`
  mutation DeleteAccount($password: String) {
    deleteAccount(password: $password)
  }
`);
