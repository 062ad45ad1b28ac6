/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment UserSummary on User {\n    id\n    username\n    displayName\n  }\n": typeof types.UserSummaryFragmentDoc,
    "\n  fragment PostFields on Post {\n    id\n    body\n    createdAt\n    editedAt\n    likeCount\n    replyCount\n    viewerHasLiked\n    author {\n      ...UserSummary\n    }\n    replyTo {\n      id\n      author {\n        ...UserSummary\n      }\n    }\n  }\n": typeof types.PostFieldsFragmentDoc,
    "\n  fragment Session on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    user {\n      ...UserSummary\n    }\n  }\n": typeof types.SessionFragmentDoc,
    "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...Session\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...Session\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...Session\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.SignOutDocument,
    "\n  query Me {\n    me {\n      ...UserSummary\n      bio\n      email\n      emailVerified\n      createdAt\n      followerCount\n      followingCount\n    }\n  }\n": typeof types.MeDocument,
    "\n  query UserByUsername($username: String!) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followerCount\n      followingCount\n      viewerFollows\n      followsViewer\n    }\n  }\n": typeof types.UserByUsernameDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserSummary\n      bio\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...UserSummary\n      followerCount\n      viewerFollows\n    }\n  }\n": typeof types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...UserSummary\n      followerCount\n      viewerFollows\n    }\n  }\n": typeof types.UnfollowDocument,
    "\n  query Followers($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      followersConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {\n        totalCount\n        edges {\n          cursor\n          properties {\n            createdAt\n          }\n          node {\n            ...UserSummary\n            viewerFollows\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.FollowersDocument,
    "\n  query Following($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      followingConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {\n        totalCount\n        edges {\n          cursor\n          properties {\n            createdAt\n          }\n          node {\n            ...UserSummary\n            viewerFollows\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.FollowingDocument,
    "\n  query SuggestedFollows($first: Int!) {\n    suggestedFollows(first: $first) {\n      ...UserSummary\n      followsViewer\n    }\n  }\n": typeof types.SuggestedFollowsDocument,
    "\n  query HomeFeed($first: Int, $after: String) {\n    homeFeed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.HomeFeedDocument,
    "\n  query UserTimeline($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      timeline(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.UserTimelineDocument,
    "\n  query Post($id: ID!) {\n    post(id: $id) {\n      ...PostFields\n    }\n  }\n": typeof types.PostDocument,
    "\n  query PostReplies($id: ID!, $first: Int, $after: String) {\n    post(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.PostRepliesDocument,
    "\n  mutation CreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) {\n      ...PostFields\n    }\n  }\n": typeof types.CreatePostDocument,
    "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n": typeof types.DeletePostDocument,
    "\n  mutation LikePost($id: ID!) {\n    likePost(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.LikePostDocument,
    "\n  mutation UnlikePost($id: ID!) {\n    unlikePost(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.UnlikePostDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      client\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": typeof types.RevokeOtherSessionsDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation ChangeEmail($newEmail: String!, $currentPassword: String!) {\n    changeEmail(newEmail: $newEmail, currentPassword: $currentPassword)\n  }\n": typeof types.ChangeEmailDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ...UserSummary\n      email\n      emailVerified\n    }\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  mutation DeleteAccount($password: String) {\n    deleteAccount(password: $password)\n  }\n": typeof types.DeleteAccountDocument,
};
const documents: Documents = {
    "\n  fragment UserSummary on User {\n    id\n    username\n    displayName\n  }\n": types.UserSummaryFragmentDoc,
    "\n  fragment PostFields on Post {\n    id\n    body\n    createdAt\n    editedAt\n    likeCount\n    replyCount\n    viewerHasLiked\n    author {\n      ...UserSummary\n    }\n    replyTo {\n      id\n      author {\n        ...UserSummary\n      }\n    }\n  }\n": types.PostFieldsFragmentDoc,
    "\n  fragment Session on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    user {\n      ...UserSummary\n    }\n  }\n": types.SessionFragmentDoc,
    "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...Session\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...Session\n    }\n  }\n": types.SignInDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...Session\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.SignOutDocument,
    "\n  query Me {\n    me {\n      ...UserSummary\n      bio\n      email\n      emailVerified\n      createdAt\n      followerCount\n      followingCount\n    }\n  }\n": types.MeDocument,
    "\n  query UserByUsername($username: String!) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followerCount\n      followingCount\n      viewerFollows\n      followsViewer\n    }\n  }\n": types.UserByUsernameDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserSummary\n      bio\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...UserSummary\n      followerCount\n      viewerFollows\n    }\n  }\n": types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...UserSummary\n      followerCount\n      viewerFollows\n    }\n  }\n": types.UnfollowDocument,
    "\n  query Followers($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      followersConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {\n        totalCount\n        edges {\n          cursor\n          properties {\n            createdAt\n          }\n          node {\n            ...UserSummary\n            viewerFollows\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.FollowersDocument,
    "\n  query Following($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      followingConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {\n        totalCount\n        edges {\n          cursor\n          properties {\n            createdAt\n          }\n          node {\n            ...UserSummary\n            viewerFollows\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.FollowingDocument,
    "\n  query SuggestedFollows($first: Int!) {\n    suggestedFollows(first: $first) {\n      ...UserSummary\n      followsViewer\n    }\n  }\n": types.SuggestedFollowsDocument,
    "\n  query HomeFeed($first: Int, $after: String) {\n    homeFeed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.HomeFeedDocument,
    "\n  query UserTimeline($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      timeline(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.UserTimelineDocument,
    "\n  query Post($id: ID!) {\n    post(id: $id) {\n      ...PostFields\n    }\n  }\n": types.PostDocument,
    "\n  query PostReplies($id: ID!, $first: Int, $after: String) {\n    post(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.PostRepliesDocument,
    "\n  mutation CreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) {\n      ...PostFields\n    }\n  }\n": types.CreatePostDocument,
    "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n": types.DeletePostDocument,
    "\n  mutation LikePost($id: ID!) {\n    likePost(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.LikePostDocument,
    "\n  mutation UnlikePost($id: ID!) {\n    unlikePost(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.UnlikePostDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      client\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": types.RevokeOtherSessionsDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation ChangeEmail($newEmail: String!, $currentPassword: String!) {\n    changeEmail(newEmail: $newEmail, currentPassword: $currentPassword)\n  }\n": types.ChangeEmailDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ...UserSummary\n      email\n      emailVerified\n    }\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  mutation DeleteAccount($password: String) {\n    deleteAccount(password: $password)\n  }\n": types.DeleteAccountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserSummary on User {\n    id\n    username\n    displayName\n  }\n"): typeof import('./graphql').UserSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostFields on Post {\n    id\n    body\n    createdAt\n    editedAt\n    likeCount\n    replyCount\n    viewerHasLiked\n    author {\n      ...UserSummary\n    }\n    replyTo {\n      id\n      author {\n        ...UserSummary\n      }\n    }\n  }\n"): typeof import('./graphql').PostFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Session on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    user {\n      ...UserSummary\n    }\n  }\n"): typeof import('./graphql').SessionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...Session\n    }\n  }\n"): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...Session\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...Session\n    }\n  }\n"): typeof import('./graphql').RefreshSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...UserSummary\n      bio\n      email\n      emailVerified\n      createdAt\n      followerCount\n      followingCount\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserByUsername($username: String!) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followerCount\n      followingCount\n      viewerFollows\n      followsViewer\n    }\n  }\n"): typeof import('./graphql').UserByUsernameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...UserSummary\n      bio\n    }\n  }\n"): typeof import('./graphql').UpdateProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...UserSummary\n      followerCount\n      viewerFollows\n    }\n  }\n"): typeof import('./graphql').FollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...UserSummary\n      followerCount\n      viewerFollows\n    }\n  }\n"): typeof import('./graphql').UnfollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Followers($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      followersConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {\n        totalCount\n        edges {\n          cursor\n          properties {\n            createdAt\n          }\n          node {\n            ...UserSummary\n            viewerFollows\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FollowersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Following($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      followingConnection(first: $first, after: $after, sort: [{ edge: { createdAt: DESC } }]) {\n        totalCount\n        edges {\n          cursor\n          properties {\n            createdAt\n          }\n          node {\n            ...UserSummary\n            viewerFollows\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FollowingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuggestedFollows($first: Int!) {\n    suggestedFollows(first: $first) {\n      ...UserSummary\n      followsViewer\n    }\n  }\n"): typeof import('./graphql').SuggestedFollowsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeFeed($first: Int, $after: String) {\n    homeFeed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').HomeFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserTimeline($username: String!, $first: Int, $after: String) {\n    user(username: $username) {\n      id\n      timeline(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').UserTimelineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Post($id: ID!) {\n    post(id: $id) {\n      ...PostFields\n    }\n  }\n"): typeof import('./graphql').PostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostReplies($id: ID!, $first: Int, $after: String) {\n    post(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PostRepliesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) {\n      ...PostFields\n    }\n  }\n"): typeof import('./graphql').CreatePostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n"): typeof import('./graphql').DeletePostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikePost($id: ID!) {\n    likePost(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"): typeof import('./graphql').LikePostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikePost($id: ID!) {\n    unlikePost(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"): typeof import('./graphql').UnlikePostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      client\n      current\n    }\n  }\n"): typeof import('./graphql').MySessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): typeof import('./graphql').RevokeSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"): typeof import('./graphql').RevokeOtherSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): typeof import('./graphql').RequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeEmail($newEmail: String!, $currentPassword: String!) {\n    changeEmail(newEmail: $newEmail, currentPassword: $currentPassword)\n  }\n"): typeof import('./graphql').ChangeEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      ...UserSummary\n      email\n      emailVerified\n    }\n  }\n"): typeof import('./graphql').ConfirmEmailChangeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($password: String) {\n    deleteAccount(password: $password)\n  }\n"): typeof import('./graphql').DeleteAccountDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
