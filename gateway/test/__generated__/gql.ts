/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  query DeletionGraphNode($id: ID) { user(id: $id) { followerCount } }\n": typeof types.DeletionGraphNodeDocument,
    "\n  query DeletionProfile($id: ID, $username: String) {\n    user(id: $id, username: $username) {\n      id username followerCount followingCount\n      followers(limit: 100) { id }\n      following(limit: 100) { id }\n      posts(first: 100) { edges { node { id } } }\n      timeline(first: 100) { edges { node { id } } }\n    }\n  }\n": typeof types.DeletionProfileDocument,
    "\n  mutation DeletionFollow($id: ID!) { follow(userId: $id) { id } }\n": typeof types.DeletionFollowDocument,
    "\n  mutation DeletionCreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id }\n  }\n": typeof types.DeletionCreatePostDocument,
    "\n  mutation DeletionLike($id: ID!) { likePost(id: $id) { likeCount } }\n": typeof types.DeletionLikeDocument,
    "\n  query DeletionPost($id: ID!) {\n    post(id: $id) {\n      id body likeCount replyCount author { id username }\n      replyTo { id }\n      replies(first: 100) { edges { node { id author { id } } } }\n    }\n  }\n": typeof types.DeletionPostDocument,
    "\n  query DeletionHome { homeFeed(first: 100) { edges { node { id author { id username } } } } }\n": typeof types.DeletionHomeDocument,
    "\n  query DeletionSuggested { suggestedFollows(first: 100) { id } }\n": typeof types.DeletionSuggestedDocument,
    "\n  mutation DeletionDelete($password: String) { deleteAccount(password: $password) }\n": typeof types.DeletionDeleteDocument,
    "\n  query DeletionMe { me { id } }\n": typeof types.DeletionMeDocument,
    "\n  mutation DeletionRefresh($token: String!) { refreshSession(refreshToken: $token) { accessToken } }\n": typeof types.DeletionRefreshDocument,
    "\n  mutation DeletionLogin($input: LoginInput!) { login(input: $input) { accessToken } }\n": typeof types.DeletionLoginDocument,
    "\n  mutation DeletionUpdateProfile($bio: String) { updateProfile(input: { bio: $bio }) { id } }\n": typeof types.DeletionUpdateProfileDocument,
    "\n  mutation DeletionRegister($input: RegisterInput!) { register(input: $input) { user { id } } }\n": typeof types.DeletionRegisterDocument,
    "\n  mutation RecoveryRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": typeof types.RecoveryRegisterDocument,
    "\n  mutation RecoveryLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n": typeof types.RecoveryLoginDocument,
    "\n  mutation RecoveryRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n": typeof types.RecoveryRefreshDocument,
    "\n  query RecoveryMe { me { id email emailVerified } }\n": typeof types.RecoveryMeDocument,
    "\n  mutation RecoveryRequestReset($email: String!) { requestPasswordReset(email: $email) }\n": typeof types.RecoveryRequestResetDocument,
    "\n  mutation RecoveryReset($token: String!, $password: String!) {\n    resetPassword(token: $token, newPassword: $password)\n  }\n": typeof types.RecoveryResetDocument,
    "\n  mutation RecoveryChangeEmail($email: String!, $password: String!) {\n    changeEmail(newEmail: $email, currentPassword: $password)\n  }\n": typeof types.RecoveryChangeEmailDocument,
    "\n  mutation RecoveryConfirmEmail($token: String!) {\n    confirmEmailChange(token: $token) { id email emailVerified }\n  }\n": typeof types.RecoveryConfirmEmailDocument,
    "\n  fragment AuthFlowSession on AuthPayload {\n    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id username }\n  }\n": typeof types.AuthFlowSessionFragmentDoc,
    "\n  mutation AuthFlowLogin($input: LoginInput!) { login(input: $input) { ...AuthFlowSession } }\n": typeof types.AuthFlowLoginDocument,
    "\n  mutation AuthFlowRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n": typeof types.AuthFlowRefreshDocument,
    "\n        mutation AuthFlowRegister($input: RegisterInput!) {\n          register(input: $input) { ...AuthFlowSession }\n        }\n      ": typeof types.AuthFlowRegisterDocument,
    "\n      mutation AuthFlowVerifyEmail($token: String!) { verifyEmail(token: $token) { id } }\n    ": typeof types.AuthFlowVerifyEmailDocument,
    "\n        query AuthFlowMe { me { username email emailVerified } }\n      ": typeof types.AuthFlowMeDocument,
    "\n        mutation AuthFlowRotate($t: String!) {\n          refreshSession(refreshToken: $t) { ...AuthFlowSession }\n        }\n      ": typeof types.AuthFlowRotateDocument,
    "\n        mutation AuthFlowLogout { logout }\n      ": typeof types.AuthFlowLogoutDocument,
    "\n      mutation EntityCacheCreatePost($b: String!) { createPost(body: $b) { id } }\n    ": typeof types.EntityCacheCreatePostDocument,
    "\n  query EntityCacheTimeline($id: ID!) { user(id: $id) {\n    timeline(first: 20) { edges { node { id body author { id email followerCount } } } }\n  } }\n": typeof types.EntityCacheTimelineDocument,
    "\n        mutation EntityCacheDeletePost($id: ID!) { deletePost(id: $id) }\n      ": typeof types.EntityCacheDeletePostDocument,
    "\n        query EntityCachePost($id: ID!) { post(id: $id) { id } }\n      ": typeof types.EntityCachePostDocument,
    "\n      query EntityCacheAuthorNames($id: ID!) { user(id: $id) {\n        timeline(first: 5) { edges { node { id author { displayName } } } }\n      } }\n    ": typeof types.EntityCacheAuthorNamesDocument,
    "\n        mutation EntityCacheRename { updateProfile(input: { displayName: \"Renamed\" }) { id } }\n      ": typeof types.EntityCacheRenameDocument,
    "\n            query FeedGraphNode($id: ID) { user(id: $id) { followerCount } }\n          ": typeof types.FeedGraphNodeDocument,
    "\n  mutation FeedFollow($id: ID!) { follow(userId: $id) { id } }\n": typeof types.FeedFollowDocument,
    "\n  mutation FeedUnfollow($id: ID!) { unfollow(userId: $id) { id } }\n": typeof types.FeedUnfollowDocument,
    "\n      mutation FeedCreatePost($b: String!) { createPost(body: $b) { id } }\n    ": typeof types.FeedCreatePostDocument,
    "\n  query FeedHome($first: Int, $after: String) { homeFeed(first: $first, after: $after) {\n    edges { cursor node { id body author { username } } } pageInfo { hasNextPage endCursor }\n  } }\n": typeof types.FeedHomeDocument,
    "\n        mutation FeedDeletePost($id: ID!) { deletePost(id: $id) }\n      ": typeof types.FeedDeletePostDocument,
    "\n        query FeedProfileTimeline($id: ID) { user(id: $id) { timeline { edges { node { id } } } } }\n      ": typeof types.FeedProfileTimelineDocument,
    "\n        query FeedAnonymousHome { homeFeed { edges { cursor } } }\n      ": typeof types.FeedAnonymousHomeDocument,
    "\n        query FeedBadCursor { homeFeed(after: \"nope\") { edges { cursor } } }\n      ": typeof types.FeedBadCursorDocument,
    "\n        query FeedTooMany { homeFeed(first: 101) { edges { cursor } } }\n      ": typeof types.FeedTooManyDocument,
    "\n    query FeedLikes { homeFeed(first: 5) { edges { node { id viewerHasLiked likeCount } } } }\n  ": typeof types.FeedLikesDocument,
    "\n        mutation FeedLikePost($id: ID!) { likePost(id: $id) { id } }\n      ": typeof types.FeedLikePostDocument,
    "\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": typeof types.HarnessRegisterMemberDocument,
    "\n  mutation IdentityRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id username } }\n  }\n": typeof types.IdentityRegisterDocument,
    "\n  mutation IdentityLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n": typeof types.IdentityLoginDocument,
    "\n  query IdentityMe { me { id } }\n": typeof types.IdentityMeDocument,
    "\n  mutation IdentityRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n": typeof types.IdentityRefreshDocument,
    "\n        query IdentityTypename { __typename }\n      ": typeof types.IdentityTypenameDocument,
    "\n      mutation IdentityUpdateProfile($input: UpdateProfileInput!) {\n        updateProfile(input: $input) { displayName bio }\n      }\n    ": typeof types.IdentityUpdateProfileDocument,
    "\n      query IdentityUserEmail($u: String) { user(username: $u) { id username email } }\n    ": typeof types.IdentityUserEmailDocument,
    "\n        query IdentityUserByBoth($id: ID, $u: String) { user(id: $id, username: $u) { id } }\n      ": typeof types.IdentityUserByBothDocument,
    "\n        query IdentityUserBadId { user(id: \"42\") { id } }\n      ": typeof types.IdentityUserBadIdDocument,
    "\n        query IdentityUserMissing($u: String) { user(username: $u) { id } }\n      ": typeof types.IdentityUserMissingDocument,
    "\n      mutation IdentityChangePassword($c: String!, $n: String!) {\n        changePassword(currentPassword: $c, newPassword: $n)\n      }\n    ": typeof types.IdentityChangePasswordDocument,
    "\n      mutation IdentityVerifyEmail($t: String!) { verifyEmail(token: $t) { id } }\n    ": typeof types.IdentityVerifyEmailDocument,
    "\n      mutation ListBoundsRegister($input: RegisterInput!) {\n        register(input: $input) { accessToken user { id } }\n      }\n    ": typeof types.ListBoundsRegisterDocument,
    "\n            query ListBoundsInFragment($id: ID) { user(id: $id) { ...ListBoundsMany } }\n            fragment ListBoundsMany on User { followers(limit: 5000) { id } }\n          ": typeof types.ListBoundsInFragmentDocument,
    "\n  mutation LoginThrottleRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": typeof types.LoginThrottleRegisterDocument,
    "\n  mutation LoginThrottleLogin($input: LoginInput!) {\n    login(input: $input) { accessToken user { id } }\n  }\n": typeof types.LoginThrottleLoginDocument,
    "\n  mutation LoginThrottleChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n": typeof types.LoginThrottleChangePasswordDocument,
    "\n        mutation LoginThrottleRefresh($t: String!) {\n          refreshSession(refreshToken: $t) { accessToken }\n        }\n      ": typeof types.LoginThrottleRefreshDocument,
    "\n  mutation MySessionsRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": typeof types.MySessionsRegisterDocument,
    "\n  mutation MySessionsLogin($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken }\n  }\n": typeof types.MySessionsLoginDocument,
    "\n  mutation MySessionsRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n": typeof types.MySessionsRefreshDocument,
    "\n  query MySessions { mySessions { id createdAt lastUsedAt client current } }\n": typeof types.MySessionsDocument,
    "\n  mutation MySessionsRevoke($id: ID!) { revokeSession(id: $id) }\n": typeof types.MySessionsRevokeDocument,
    "\n  mutation MySessionsRevokeOthers { revokeOtherSessions }\n": typeof types.MySessionsRevokeOthersDocument,
    "\n  mutation NetworkFollow($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }\n": typeof types.NetworkFollowDocument,
    "\n  mutation NetworkUnfollow($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }\n": typeof types.NetworkUnfollowDocument,
    "\n        query NetworkProfile($u: String) { user(username: $u) {\n          username displayName followerCount followingCount viewerFollows followsViewer\n          followersConnection(first: 10, sort: [{ edge: { createdAt: DESC } }]) {\n            totalCount edges { node { username } properties { createdAt } }\n          }\n        } }\n      ": typeof types.NetworkProfileDocument,
    "\n        query NetworkViewerFollows($u: String) { user(username: $u) { viewerFollows } }\n      ": typeof types.NetworkViewerFollowsDocument,
    "\n        query NetworkAnonymousSuggestions { suggestedFollows { id } }\n      ": typeof types.NetworkAnonymousSuggestionsDocument,
    "\n        query NetworkTooManyFollowers($id: ID) {\n          user(id: $id) { followersConnection(first: 101) { totalCount } }\n        }\n      ": typeof types.NetworkTooManyFollowersDocument,
    "\n  mutation TraceCreatePost($b: String!) { createPost(body: $b) { id } }\n": typeof types.TraceCreatePostDocument,
    "\n  query TracePostAuthor($id: ID!) { post(id: $id) { id author { username } } }\n": typeof types.TracePostAuthorDocument,
    "\n  mutation OidcStart($p: String!) { startOidcSignIn(provider: $p) { authorizationUrl state } }\n": typeof types.OidcStartDocument,
    "\n  mutation OidcFinish($state: String!, $code: String!, $iss: String) {\n    finishOidcSignIn(state: $state, code: $code, iss: $iss) {\n      session { accessToken refreshToken user { id username } }\n      signUp { ticket email emailVerified suggestedUsername }\n    }\n  }\n": typeof types.OidcFinishDocument,
    "\n  mutation OidcComplete($ticket: String!, $username: String!) {\n    completeOidcSignUp(ticket: $ticket, username: $username) { accessToken user { id username } }\n  }\n": typeof types.OidcCompleteDocument,
    "\n  mutation OidcStartLink($p: String!) { startOidcLink(provider: $p) { authorizationUrl } }\n": typeof types.OidcStartLinkDocument,
    "\n  mutation OidcFinishLink($state: String!, $code: String!, $iss: String) {\n    finishOidcLink(state: $state, code: $code, iss: $iss) { provider email }\n  }\n": typeof types.OidcFinishLinkDocument,
    "\n  mutation OidcUnlink($p: String!) { unlinkOidcProvider(provider: $p) { provider } }\n": typeof types.OidcUnlinkDocument,
    "\n  query OidcMe { me { id email emailVerified } myLinkedProviders { provider email } oidcProviders }\n": typeof types.OidcMeDocument,
    "\n  mutation OidcRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n": typeof types.OidcRegisterDocument,
    "\n  mutation PostsCreate($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id body replyCount }\n  }\n": typeof types.PostsCreateDocument,
    "\n  mutation PostsDelete($id: ID!) { deletePost(id: $id) }\n": typeof types.PostsDeleteDocument,
    "\n  mutation PostsLikeId($id: ID!) { likePost(id: $id) { id } }\n": typeof types.PostsLikeIdDocument,
    "\n  mutation PostsUnlikeId($id: ID!) { unlikePost(id: $id) { id } }\n": typeof types.PostsUnlikeIdDocument,
    "\n  query PostsLikeCount($id: ID!) { post(id: $id) { likeCount } }\n": typeof types.PostsLikeCountDocument,
    "\n        mutation PostsLike($id: ID!) { likePost(id: $id) { likeCount viewerHasLiked } }\n      ": typeof types.PostsLikeDocument,
    "\n      query PostsProfile($u: String) { user(username: $u) { username posts { edges { node {\n        id body author { username } likeCount replyCount viewerHasLiked\n        replies { edges { node { body author { username } replyTo { id } } } }\n      } } } } }\n    ": typeof types.PostsProfileDocument,
    "\n        mutation PostsUnlike($id: ID!) { unlikePost(id: $id) { likeCount viewerHasLiked } }\n      ": typeof types.PostsUnlikeDocument,
    "\n        query PostsGone($id: ID!) { post(id: $id) { id } }\n      ": typeof types.PostsGoneDocument,
    "\n        query PostsReply($id: ID!) { post(id: $id) { body replyTo { id } } }\n      ": typeof types.PostsReplyDocument,
    "\n      query PostsOfAuthor($id: ID, $first: Int) { user(id: $id) { posts(first: $first) { edges {\n        node {\n          body author { username displayName } likeCount replyCount viewerHasLiked replyTo { id }\n        }\n      } } } }\n    ": typeof types.PostsOfAuthorDocument,
    "\n        mutation PostsUpdateOthers($id: ID!) { updatePost(id: $id, body: \"pwned\") { id } }\n      ": typeof types.PostsUpdateOthersDocument,
    "\n        mutation PostsUpdateOwn($id: ID!) { updatePost(id: $id, body: \" edited \") { body editedAt } }\n      ": typeof types.PostsUpdateOwnDocument,
    "\n        query PostsMalformedId { post(id: \"x\") { id } }\n      ": typeof types.PostsMalformedIdDocument,
    "\n          query PostsFirstBound($id: ID, $f: Int) {\n            user(id: $id) { posts(first: $f) { edges { cursor } } }\n          }\n        ": typeof types.PostsFirstBoundDocument,
    "\n        query PostsBadCursor($id: ID) {\n          user(id: $id) { posts(after: \"garbage\") { edges { cursor } } }\n        }\n      ": typeof types.PostsBadCursorDocument,
    "\n        mutation RateLimitsRegister($input: RegisterInput!) { register(input: $input) { accessToken } }\n      ": typeof types.RateLimitsRegisterDocument,
    "\n      query RateLimitsMe { me { id } }\n    ": typeof types.RateLimitsMeDocument,
    "\n      query RateLimitsAnonymous { __typename }\n    ": typeof types.RateLimitsAnonymousDocument,
    "\n  fragment SessionsSession on AuthPayload { accessToken refreshToken user { id } }\n": typeof types.SessionsSessionFragmentDoc,
    "\n  mutation SessionsRegister($input: RegisterInput!) {\n    register(input: $input) { ...SessionsSession }\n  }\n": typeof types.SessionsRegisterDocument,
    "\n  mutation SessionsLogin($input: LoginInput!) { login(input: $input) { ...SessionsSession } }\n": typeof types.SessionsLoginDocument,
    "\n  mutation SessionsRefresh($t: String!) {\n    refreshSession(refreshToken: $t) { ...SessionsSession }\n  }\n": typeof types.SessionsRefreshDocument,
    "\n  mutation SessionsChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n": typeof types.SessionsChangePasswordDocument,
    "\n  mutation SessionsLogout { logout }\n": typeof types.SessionsLogoutDocument,
    "\n        query SessionsMe { me { id } }\n      ": typeof types.SessionsMeDocument,
    "\n                mutation SessionsLogoutByRefreshToken($t: String) { logout(refreshToken: $t) }\n              ": typeof types.SessionsLogoutByRefreshTokenDocument,
    "\n        query SubgraphTimeoutsProfileAndGraph($u: String!) {\n          user(username: $u) { username displayName followerCount }\n        }\n      ": typeof types.SubgraphTimeoutsProfileAndGraphDocument,
    "\n  mutation TraceFollow($id: ID!) { follow(userId: $id) { id } }\n": typeof types.TraceFollowDocument,
    "\n  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }\n": typeof types.TypeTestPostDocument,
    "\n  query TypeTestMe { me { username } }\n": typeof types.TypeTestMeDocument,
    "\n  query TypeTestUser($username: String, $first: Int) {\n    user(username: $username) { posts(first: $first) { edges { node { id } } } }\n  }\n": typeof types.TypeTestUserDocument,
    "\n  mutation ResendRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n": typeof types.ResendRegisterDocument,
    "\n  mutation ResendVerification { resendVerificationEmail }\n": typeof types.ResendVerificationDocument,
    "\n  mutation ResendVerify($token: String!) { verifyEmail(token: $token) { id emailVerified } }\n": typeof types.ResendVerifyDocument,
};
const documents: Documents = {
    "\n  query DeletionGraphNode($id: ID) { user(id: $id) { followerCount } }\n": types.DeletionGraphNodeDocument,
    "\n  query DeletionProfile($id: ID, $username: String) {\n    user(id: $id, username: $username) {\n      id username followerCount followingCount\n      followers(limit: 100) { id }\n      following(limit: 100) { id }\n      posts(first: 100) { edges { node { id } } }\n      timeline(first: 100) { edges { node { id } } }\n    }\n  }\n": types.DeletionProfileDocument,
    "\n  mutation DeletionFollow($id: ID!) { follow(userId: $id) { id } }\n": types.DeletionFollowDocument,
    "\n  mutation DeletionCreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id }\n  }\n": types.DeletionCreatePostDocument,
    "\n  mutation DeletionLike($id: ID!) { likePost(id: $id) { likeCount } }\n": types.DeletionLikeDocument,
    "\n  query DeletionPost($id: ID!) {\n    post(id: $id) {\n      id body likeCount replyCount author { id username }\n      replyTo { id }\n      replies(first: 100) { edges { node { id author { id } } } }\n    }\n  }\n": types.DeletionPostDocument,
    "\n  query DeletionHome { homeFeed(first: 100) { edges { node { id author { id username } } } } }\n": types.DeletionHomeDocument,
    "\n  query DeletionSuggested { suggestedFollows(first: 100) { id } }\n": types.DeletionSuggestedDocument,
    "\n  mutation DeletionDelete($password: String) { deleteAccount(password: $password) }\n": types.DeletionDeleteDocument,
    "\n  query DeletionMe { me { id } }\n": types.DeletionMeDocument,
    "\n  mutation DeletionRefresh($token: String!) { refreshSession(refreshToken: $token) { accessToken } }\n": types.DeletionRefreshDocument,
    "\n  mutation DeletionLogin($input: LoginInput!) { login(input: $input) { accessToken } }\n": types.DeletionLoginDocument,
    "\n  mutation DeletionUpdateProfile($bio: String) { updateProfile(input: { bio: $bio }) { id } }\n": types.DeletionUpdateProfileDocument,
    "\n  mutation DeletionRegister($input: RegisterInput!) { register(input: $input) { user { id } } }\n": types.DeletionRegisterDocument,
    "\n  mutation RecoveryRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": types.RecoveryRegisterDocument,
    "\n  mutation RecoveryLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n": types.RecoveryLoginDocument,
    "\n  mutation RecoveryRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n": types.RecoveryRefreshDocument,
    "\n  query RecoveryMe { me { id email emailVerified } }\n": types.RecoveryMeDocument,
    "\n  mutation RecoveryRequestReset($email: String!) { requestPasswordReset(email: $email) }\n": types.RecoveryRequestResetDocument,
    "\n  mutation RecoveryReset($token: String!, $password: String!) {\n    resetPassword(token: $token, newPassword: $password)\n  }\n": types.RecoveryResetDocument,
    "\n  mutation RecoveryChangeEmail($email: String!, $password: String!) {\n    changeEmail(newEmail: $email, currentPassword: $password)\n  }\n": types.RecoveryChangeEmailDocument,
    "\n  mutation RecoveryConfirmEmail($token: String!) {\n    confirmEmailChange(token: $token) { id email emailVerified }\n  }\n": types.RecoveryConfirmEmailDocument,
    "\n  fragment AuthFlowSession on AuthPayload {\n    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id username }\n  }\n": types.AuthFlowSessionFragmentDoc,
    "\n  mutation AuthFlowLogin($input: LoginInput!) { login(input: $input) { ...AuthFlowSession } }\n": types.AuthFlowLoginDocument,
    "\n  mutation AuthFlowRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n": types.AuthFlowRefreshDocument,
    "\n        mutation AuthFlowRegister($input: RegisterInput!) {\n          register(input: $input) { ...AuthFlowSession }\n        }\n      ": types.AuthFlowRegisterDocument,
    "\n      mutation AuthFlowVerifyEmail($token: String!) { verifyEmail(token: $token) { id } }\n    ": types.AuthFlowVerifyEmailDocument,
    "\n        query AuthFlowMe { me { username email emailVerified } }\n      ": types.AuthFlowMeDocument,
    "\n        mutation AuthFlowRotate($t: String!) {\n          refreshSession(refreshToken: $t) { ...AuthFlowSession }\n        }\n      ": types.AuthFlowRotateDocument,
    "\n        mutation AuthFlowLogout { logout }\n      ": types.AuthFlowLogoutDocument,
    "\n      mutation EntityCacheCreatePost($b: String!) { createPost(body: $b) { id } }\n    ": types.EntityCacheCreatePostDocument,
    "\n  query EntityCacheTimeline($id: ID!) { user(id: $id) {\n    timeline(first: 20) { edges { node { id body author { id email followerCount } } } }\n  } }\n": types.EntityCacheTimelineDocument,
    "\n        mutation EntityCacheDeletePost($id: ID!) { deletePost(id: $id) }\n      ": types.EntityCacheDeletePostDocument,
    "\n        query EntityCachePost($id: ID!) { post(id: $id) { id } }\n      ": types.EntityCachePostDocument,
    "\n      query EntityCacheAuthorNames($id: ID!) { user(id: $id) {\n        timeline(first: 5) { edges { node { id author { displayName } } } }\n      } }\n    ": types.EntityCacheAuthorNamesDocument,
    "\n        mutation EntityCacheRename { updateProfile(input: { displayName: \"Renamed\" }) { id } }\n      ": types.EntityCacheRenameDocument,
    "\n            query FeedGraphNode($id: ID) { user(id: $id) { followerCount } }\n          ": types.FeedGraphNodeDocument,
    "\n  mutation FeedFollow($id: ID!) { follow(userId: $id) { id } }\n": types.FeedFollowDocument,
    "\n  mutation FeedUnfollow($id: ID!) { unfollow(userId: $id) { id } }\n": types.FeedUnfollowDocument,
    "\n      mutation FeedCreatePost($b: String!) { createPost(body: $b) { id } }\n    ": types.FeedCreatePostDocument,
    "\n  query FeedHome($first: Int, $after: String) { homeFeed(first: $first, after: $after) {\n    edges { cursor node { id body author { username } } } pageInfo { hasNextPage endCursor }\n  } }\n": types.FeedHomeDocument,
    "\n        mutation FeedDeletePost($id: ID!) { deletePost(id: $id) }\n      ": types.FeedDeletePostDocument,
    "\n        query FeedProfileTimeline($id: ID) { user(id: $id) { timeline { edges { node { id } } } } }\n      ": types.FeedProfileTimelineDocument,
    "\n        query FeedAnonymousHome { homeFeed { edges { cursor } } }\n      ": types.FeedAnonymousHomeDocument,
    "\n        query FeedBadCursor { homeFeed(after: \"nope\") { edges { cursor } } }\n      ": types.FeedBadCursorDocument,
    "\n        query FeedTooMany { homeFeed(first: 101) { edges { cursor } } }\n      ": types.FeedTooManyDocument,
    "\n    query FeedLikes { homeFeed(first: 5) { edges { node { id viewerHasLiked likeCount } } } }\n  ": types.FeedLikesDocument,
    "\n        mutation FeedLikePost($id: ID!) { likePost(id: $id) { id } }\n      ": types.FeedLikePostDocument,
    "\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": types.HarnessRegisterMemberDocument,
    "\n  mutation IdentityRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id username } }\n  }\n": types.IdentityRegisterDocument,
    "\n  mutation IdentityLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n": types.IdentityLoginDocument,
    "\n  query IdentityMe { me { id } }\n": types.IdentityMeDocument,
    "\n  mutation IdentityRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n": types.IdentityRefreshDocument,
    "\n        query IdentityTypename { __typename }\n      ": types.IdentityTypenameDocument,
    "\n      mutation IdentityUpdateProfile($input: UpdateProfileInput!) {\n        updateProfile(input: $input) { displayName bio }\n      }\n    ": types.IdentityUpdateProfileDocument,
    "\n      query IdentityUserEmail($u: String) { user(username: $u) { id username email } }\n    ": types.IdentityUserEmailDocument,
    "\n        query IdentityUserByBoth($id: ID, $u: String) { user(id: $id, username: $u) { id } }\n      ": types.IdentityUserByBothDocument,
    "\n        query IdentityUserBadId { user(id: \"42\") { id } }\n      ": types.IdentityUserBadIdDocument,
    "\n        query IdentityUserMissing($u: String) { user(username: $u) { id } }\n      ": types.IdentityUserMissingDocument,
    "\n      mutation IdentityChangePassword($c: String!, $n: String!) {\n        changePassword(currentPassword: $c, newPassword: $n)\n      }\n    ": types.IdentityChangePasswordDocument,
    "\n      mutation IdentityVerifyEmail($t: String!) { verifyEmail(token: $t) { id } }\n    ": types.IdentityVerifyEmailDocument,
    "\n      mutation ListBoundsRegister($input: RegisterInput!) {\n        register(input: $input) { accessToken user { id } }\n      }\n    ": types.ListBoundsRegisterDocument,
    "\n            query ListBoundsInFragment($id: ID) { user(id: $id) { ...ListBoundsMany } }\n            fragment ListBoundsMany on User { followers(limit: 5000) { id } }\n          ": types.ListBoundsInFragmentDocument,
    "\n  mutation LoginThrottleRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": types.LoginThrottleRegisterDocument,
    "\n  mutation LoginThrottleLogin($input: LoginInput!) {\n    login(input: $input) { accessToken user { id } }\n  }\n": types.LoginThrottleLoginDocument,
    "\n  mutation LoginThrottleChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n": types.LoginThrottleChangePasswordDocument,
    "\n        mutation LoginThrottleRefresh($t: String!) {\n          refreshSession(refreshToken: $t) { accessToken }\n        }\n      ": types.LoginThrottleRefreshDocument,
    "\n  mutation MySessionsRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": types.MySessionsRegisterDocument,
    "\n  mutation MySessionsLogin($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken }\n  }\n": types.MySessionsLoginDocument,
    "\n  mutation MySessionsRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n": types.MySessionsRefreshDocument,
    "\n  query MySessions { mySessions { id createdAt lastUsedAt client current } }\n": types.MySessionsDocument,
    "\n  mutation MySessionsRevoke($id: ID!) { revokeSession(id: $id) }\n": types.MySessionsRevokeDocument,
    "\n  mutation MySessionsRevokeOthers { revokeOtherSessions }\n": types.MySessionsRevokeOthersDocument,
    "\n  mutation NetworkFollow($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }\n": types.NetworkFollowDocument,
    "\n  mutation NetworkUnfollow($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }\n": types.NetworkUnfollowDocument,
    "\n        query NetworkProfile($u: String) { user(username: $u) {\n          username displayName followerCount followingCount viewerFollows followsViewer\n          followersConnection(first: 10, sort: [{ edge: { createdAt: DESC } }]) {\n            totalCount edges { node { username } properties { createdAt } }\n          }\n        } }\n      ": types.NetworkProfileDocument,
    "\n        query NetworkViewerFollows($u: String) { user(username: $u) { viewerFollows } }\n      ": types.NetworkViewerFollowsDocument,
    "\n        query NetworkAnonymousSuggestions { suggestedFollows { id } }\n      ": types.NetworkAnonymousSuggestionsDocument,
    "\n        query NetworkTooManyFollowers($id: ID) {\n          user(id: $id) { followersConnection(first: 101) { totalCount } }\n        }\n      ": types.NetworkTooManyFollowersDocument,
    "\n  mutation TraceCreatePost($b: String!) { createPost(body: $b) { id } }\n": types.TraceCreatePostDocument,
    "\n  query TracePostAuthor($id: ID!) { post(id: $id) { id author { username } } }\n": types.TracePostAuthorDocument,
    "\n  mutation OidcStart($p: String!) { startOidcSignIn(provider: $p) { authorizationUrl state } }\n": types.OidcStartDocument,
    "\n  mutation OidcFinish($state: String!, $code: String!, $iss: String) {\n    finishOidcSignIn(state: $state, code: $code, iss: $iss) {\n      session { accessToken refreshToken user { id username } }\n      signUp { ticket email emailVerified suggestedUsername }\n    }\n  }\n": types.OidcFinishDocument,
    "\n  mutation OidcComplete($ticket: String!, $username: String!) {\n    completeOidcSignUp(ticket: $ticket, username: $username) { accessToken user { id username } }\n  }\n": types.OidcCompleteDocument,
    "\n  mutation OidcStartLink($p: String!) { startOidcLink(provider: $p) { authorizationUrl } }\n": types.OidcStartLinkDocument,
    "\n  mutation OidcFinishLink($state: String!, $code: String!, $iss: String) {\n    finishOidcLink(state: $state, code: $code, iss: $iss) { provider email }\n  }\n": types.OidcFinishLinkDocument,
    "\n  mutation OidcUnlink($p: String!) { unlinkOidcProvider(provider: $p) { provider } }\n": types.OidcUnlinkDocument,
    "\n  query OidcMe { me { id email emailVerified } myLinkedProviders { provider email } oidcProviders }\n": types.OidcMeDocument,
    "\n  mutation OidcRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n": types.OidcRegisterDocument,
    "\n  mutation PostsCreate($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id body replyCount }\n  }\n": types.PostsCreateDocument,
    "\n  mutation PostsDelete($id: ID!) { deletePost(id: $id) }\n": types.PostsDeleteDocument,
    "\n  mutation PostsLikeId($id: ID!) { likePost(id: $id) { id } }\n": types.PostsLikeIdDocument,
    "\n  mutation PostsUnlikeId($id: ID!) { unlikePost(id: $id) { id } }\n": types.PostsUnlikeIdDocument,
    "\n  query PostsLikeCount($id: ID!) { post(id: $id) { likeCount } }\n": types.PostsLikeCountDocument,
    "\n        mutation PostsLike($id: ID!) { likePost(id: $id) { likeCount viewerHasLiked } }\n      ": types.PostsLikeDocument,
    "\n      query PostsProfile($u: String) { user(username: $u) { username posts { edges { node {\n        id body author { username } likeCount replyCount viewerHasLiked\n        replies { edges { node { body author { username } replyTo { id } } } }\n      } } } } }\n    ": types.PostsProfileDocument,
    "\n        mutation PostsUnlike($id: ID!) { unlikePost(id: $id) { likeCount viewerHasLiked } }\n      ": types.PostsUnlikeDocument,
    "\n        query PostsGone($id: ID!) { post(id: $id) { id } }\n      ": types.PostsGoneDocument,
    "\n        query PostsReply($id: ID!) { post(id: $id) { body replyTo { id } } }\n      ": types.PostsReplyDocument,
    "\n      query PostsOfAuthor($id: ID, $first: Int) { user(id: $id) { posts(first: $first) { edges {\n        node {\n          body author { username displayName } likeCount replyCount viewerHasLiked replyTo { id }\n        }\n      } } } }\n    ": types.PostsOfAuthorDocument,
    "\n        mutation PostsUpdateOthers($id: ID!) { updatePost(id: $id, body: \"pwned\") { id } }\n      ": types.PostsUpdateOthersDocument,
    "\n        mutation PostsUpdateOwn($id: ID!) { updatePost(id: $id, body: \" edited \") { body editedAt } }\n      ": types.PostsUpdateOwnDocument,
    "\n        query PostsMalformedId { post(id: \"x\") { id } }\n      ": types.PostsMalformedIdDocument,
    "\n          query PostsFirstBound($id: ID, $f: Int) {\n            user(id: $id) { posts(first: $f) { edges { cursor } } }\n          }\n        ": types.PostsFirstBoundDocument,
    "\n        query PostsBadCursor($id: ID) {\n          user(id: $id) { posts(after: \"garbage\") { edges { cursor } } }\n        }\n      ": types.PostsBadCursorDocument,
    "\n        mutation RateLimitsRegister($input: RegisterInput!) { register(input: $input) { accessToken } }\n      ": types.RateLimitsRegisterDocument,
    "\n      query RateLimitsMe { me { id } }\n    ": types.RateLimitsMeDocument,
    "\n      query RateLimitsAnonymous { __typename }\n    ": types.RateLimitsAnonymousDocument,
    "\n  fragment SessionsSession on AuthPayload { accessToken refreshToken user { id } }\n": types.SessionsSessionFragmentDoc,
    "\n  mutation SessionsRegister($input: RegisterInput!) {\n    register(input: $input) { ...SessionsSession }\n  }\n": types.SessionsRegisterDocument,
    "\n  mutation SessionsLogin($input: LoginInput!) { login(input: $input) { ...SessionsSession } }\n": types.SessionsLoginDocument,
    "\n  mutation SessionsRefresh($t: String!) {\n    refreshSession(refreshToken: $t) { ...SessionsSession }\n  }\n": types.SessionsRefreshDocument,
    "\n  mutation SessionsChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n": types.SessionsChangePasswordDocument,
    "\n  mutation SessionsLogout { logout }\n": types.SessionsLogoutDocument,
    "\n        query SessionsMe { me { id } }\n      ": types.SessionsMeDocument,
    "\n                mutation SessionsLogoutByRefreshToken($t: String) { logout(refreshToken: $t) }\n              ": types.SessionsLogoutByRefreshTokenDocument,
    "\n        query SubgraphTimeoutsProfileAndGraph($u: String!) {\n          user(username: $u) { username displayName followerCount }\n        }\n      ": types.SubgraphTimeoutsProfileAndGraphDocument,
    "\n  mutation TraceFollow($id: ID!) { follow(userId: $id) { id } }\n": types.TraceFollowDocument,
    "\n  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }\n": types.TypeTestPostDocument,
    "\n  query TypeTestMe { me { username } }\n": types.TypeTestMeDocument,
    "\n  query TypeTestUser($username: String, $first: Int) {\n    user(username: $username) { posts(first: $first) { edges { node { id } } } }\n  }\n": types.TypeTestUserDocument,
    "\n  mutation ResendRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n": types.ResendRegisterDocument,
    "\n  mutation ResendVerification { resendVerificationEmail }\n": types.ResendVerificationDocument,
    "\n  mutation ResendVerify($token: String!) { verifyEmail(token: $token) { id emailVerified } }\n": types.ResendVerifyDocument,
};

/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = gql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function gql(source: string): unknown;

/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query DeletionGraphNode($id: ID) { user(id: $id) { followerCount } }\n"): (typeof documents)["\n  query DeletionGraphNode($id: ID) { user(id: $id) { followerCount } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query DeletionProfile($id: ID, $username: String) {\n    user(id: $id, username: $username) {\n      id username followerCount followingCount\n      followers(limit: 100) { id }\n      following(limit: 100) { id }\n      posts(first: 100) { edges { node { id } } }\n      timeline(first: 100) { edges { node { id } } }\n    }\n  }\n"): (typeof documents)["\n  query DeletionProfile($id: ID, $username: String) {\n    user(id: $id, username: $username) {\n      id username followerCount followingCount\n      followers(limit: 100) { id }\n      following(limit: 100) { id }\n      posts(first: 100) { edges { node { id } } }\n      timeline(first: 100) { edges { node { id } } }\n    }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionFollow($id: ID!) { follow(userId: $id) { id } }\n"): (typeof documents)["\n  mutation DeletionFollow($id: ID!) { follow(userId: $id) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionCreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id }\n  }\n"): (typeof documents)["\n  mutation DeletionCreatePost($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionLike($id: ID!) { likePost(id: $id) { likeCount } }\n"): (typeof documents)["\n  mutation DeletionLike($id: ID!) { likePost(id: $id) { likeCount } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query DeletionPost($id: ID!) {\n    post(id: $id) {\n      id body likeCount replyCount author { id username }\n      replyTo { id }\n      replies(first: 100) { edges { node { id author { id } } } }\n    }\n  }\n"): (typeof documents)["\n  query DeletionPost($id: ID!) {\n    post(id: $id) {\n      id body likeCount replyCount author { id username }\n      replyTo { id }\n      replies(first: 100) { edges { node { id author { id } } } }\n    }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query DeletionHome { homeFeed(first: 100) { edges { node { id author { id username } } } } }\n"): (typeof documents)["\n  query DeletionHome { homeFeed(first: 100) { edges { node { id author { id username } } } } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query DeletionSuggested { suggestedFollows(first: 100) { id } }\n"): (typeof documents)["\n  query DeletionSuggested { suggestedFollows(first: 100) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionDelete($password: String) { deleteAccount(password: $password) }\n"): (typeof documents)["\n  mutation DeletionDelete($password: String) { deleteAccount(password: $password) }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query DeletionMe { me { id } }\n"): (typeof documents)["\n  query DeletionMe { me { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionRefresh($token: String!) { refreshSession(refreshToken: $token) { accessToken } }\n"): (typeof documents)["\n  mutation DeletionRefresh($token: String!) { refreshSession(refreshToken: $token) { accessToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionLogin($input: LoginInput!) { login(input: $input) { accessToken } }\n"): (typeof documents)["\n  mutation DeletionLogin($input: LoginInput!) { login(input: $input) { accessToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionUpdateProfile($bio: String) { updateProfile(input: { bio: $bio }) { id } }\n"): (typeof documents)["\n  mutation DeletionUpdateProfile($bio: String) { updateProfile(input: { bio: $bio }) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation DeletionRegister($input: RegisterInput!) { register(input: $input) { user { id } } }\n"): (typeof documents)["\n  mutation DeletionRegister($input: RegisterInput!) { register(input: $input) { user { id } } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"): (typeof documents)["\n  mutation RecoveryRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n"): (typeof documents)["\n  mutation RecoveryLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n"): (typeof documents)["\n  mutation RecoveryRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query RecoveryMe { me { id email emailVerified } }\n"): (typeof documents)["\n  query RecoveryMe { me { id email emailVerified } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryRequestReset($email: String!) { requestPasswordReset(email: $email) }\n"): (typeof documents)["\n  mutation RecoveryRequestReset($email: String!) { requestPasswordReset(email: $email) }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryReset($token: String!, $password: String!) {\n    resetPassword(token: $token, newPassword: $password)\n  }\n"): (typeof documents)["\n  mutation RecoveryReset($token: String!, $password: String!) {\n    resetPassword(token: $token, newPassword: $password)\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryChangeEmail($email: String!, $password: String!) {\n    changeEmail(newEmail: $email, currentPassword: $password)\n  }\n"): (typeof documents)["\n  mutation RecoveryChangeEmail($email: String!, $password: String!) {\n    changeEmail(newEmail: $email, currentPassword: $password)\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation RecoveryConfirmEmail($token: String!) {\n    confirmEmailChange(token: $token) { id email emailVerified }\n  }\n"): (typeof documents)["\n  mutation RecoveryConfirmEmail($token: String!) {\n    confirmEmailChange(token: $token) { id email emailVerified }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  fragment AuthFlowSession on AuthPayload {\n    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id username }\n  }\n"): (typeof documents)["\n  fragment AuthFlowSession on AuthPayload {\n    accessToken refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id username }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation AuthFlowLogin($input: LoginInput!) { login(input: $input) { ...AuthFlowSession } }\n"): (typeof documents)["\n  mutation AuthFlowLogin($input: LoginInput!) { login(input: $input) { ...AuthFlowSession } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation AuthFlowRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n"): (typeof documents)["\n  mutation AuthFlowRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation AuthFlowRegister($input: RegisterInput!) {\n          register(input: $input) { ...AuthFlowSession }\n        }\n      "): (typeof documents)["\n        mutation AuthFlowRegister($input: RegisterInput!) {\n          register(input: $input) { ...AuthFlowSession }\n        }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation AuthFlowVerifyEmail($token: String!) { verifyEmail(token: $token) { id } }\n    "): (typeof documents)["\n      mutation AuthFlowVerifyEmail($token: String!) { verifyEmail(token: $token) { id } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query AuthFlowMe { me { username email emailVerified } }\n      "): (typeof documents)["\n        query AuthFlowMe { me { username email emailVerified } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation AuthFlowRotate($t: String!) {\n          refreshSession(refreshToken: $t) { ...AuthFlowSession }\n        }\n      "): (typeof documents)["\n        mutation AuthFlowRotate($t: String!) {\n          refreshSession(refreshToken: $t) { ...AuthFlowSession }\n        }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation AuthFlowLogout { logout }\n      "): (typeof documents)["\n        mutation AuthFlowLogout { logout }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation EntityCacheCreatePost($b: String!) { createPost(body: $b) { id } }\n    "): (typeof documents)["\n      mutation EntityCacheCreatePost($b: String!) { createPost(body: $b) { id } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query EntityCacheTimeline($id: ID!) { user(id: $id) {\n    timeline(first: 20) { edges { node { id body author { id email followerCount } } } }\n  } }\n"): (typeof documents)["\n  query EntityCacheTimeline($id: ID!) { user(id: $id) {\n    timeline(first: 20) { edges { node { id body author { id email followerCount } } } }\n  } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation EntityCacheDeletePost($id: ID!) { deletePost(id: $id) }\n      "): (typeof documents)["\n        mutation EntityCacheDeletePost($id: ID!) { deletePost(id: $id) }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query EntityCachePost($id: ID!) { post(id: $id) { id } }\n      "): (typeof documents)["\n        query EntityCachePost($id: ID!) { post(id: $id) { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      query EntityCacheAuthorNames($id: ID!) { user(id: $id) {\n        timeline(first: 5) { edges { node { id author { displayName } } } }\n      } }\n    "): (typeof documents)["\n      query EntityCacheAuthorNames($id: ID!) { user(id: $id) {\n        timeline(first: 5) { edges { node { id author { displayName } } } }\n      } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation EntityCacheRename { updateProfile(input: { displayName: \"Renamed\" }) { id } }\n      "): (typeof documents)["\n        mutation EntityCacheRename { updateProfile(input: { displayName: \"Renamed\" }) { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n            query FeedGraphNode($id: ID) { user(id: $id) { followerCount } }\n          "): (typeof documents)["\n            query FeedGraphNode($id: ID) { user(id: $id) { followerCount } }\n          "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation FeedFollow($id: ID!) { follow(userId: $id) { id } }\n"): (typeof documents)["\n  mutation FeedFollow($id: ID!) { follow(userId: $id) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation FeedUnfollow($id: ID!) { unfollow(userId: $id) { id } }\n"): (typeof documents)["\n  mutation FeedUnfollow($id: ID!) { unfollow(userId: $id) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation FeedCreatePost($b: String!) { createPost(body: $b) { id } }\n    "): (typeof documents)["\n      mutation FeedCreatePost($b: String!) { createPost(body: $b) { id } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query FeedHome($first: Int, $after: String) { homeFeed(first: $first, after: $after) {\n    edges { cursor node { id body author { username } } } pageInfo { hasNextPage endCursor }\n  } }\n"): (typeof documents)["\n  query FeedHome($first: Int, $after: String) { homeFeed(first: $first, after: $after) {\n    edges { cursor node { id body author { username } } } pageInfo { hasNextPage endCursor }\n  } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation FeedDeletePost($id: ID!) { deletePost(id: $id) }\n      "): (typeof documents)["\n        mutation FeedDeletePost($id: ID!) { deletePost(id: $id) }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query FeedProfileTimeline($id: ID) { user(id: $id) { timeline { edges { node { id } } } } }\n      "): (typeof documents)["\n        query FeedProfileTimeline($id: ID) { user(id: $id) { timeline { edges { node { id } } } } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query FeedAnonymousHome { homeFeed { edges { cursor } } }\n      "): (typeof documents)["\n        query FeedAnonymousHome { homeFeed { edges { cursor } } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query FeedBadCursor { homeFeed(after: \"nope\") { edges { cursor } } }\n      "): (typeof documents)["\n        query FeedBadCursor { homeFeed(after: \"nope\") { edges { cursor } } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query FeedTooMany { homeFeed(first: 101) { edges { cursor } } }\n      "): (typeof documents)["\n        query FeedTooMany { homeFeed(first: 101) { edges { cursor } } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n    query FeedLikes { homeFeed(first: 5) { edges { node { id viewerHasLiked likeCount } } } }\n  "): (typeof documents)["\n    query FeedLikes { homeFeed(first: 5) { edges { node { id viewerHasLiked likeCount } } } }\n  "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation FeedLikePost($id: ID!) { likePost(id: $id) { id } }\n      "): (typeof documents)["\n        mutation FeedLikePost($id: ID!) { likePost(id: $id) { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"): (typeof documents)["\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation IdentityRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id username } }\n  }\n"): (typeof documents)["\n  mutation IdentityRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id username } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation IdentityLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n"): (typeof documents)["\n  mutation IdentityLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query IdentityMe { me { id } }\n"): (typeof documents)["\n  query IdentityMe { me { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation IdentityRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n"): (typeof documents)["\n  mutation IdentityRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query IdentityTypename { __typename }\n      "): (typeof documents)["\n        query IdentityTypename { __typename }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation IdentityUpdateProfile($input: UpdateProfileInput!) {\n        updateProfile(input: $input) { displayName bio }\n      }\n    "): (typeof documents)["\n      mutation IdentityUpdateProfile($input: UpdateProfileInput!) {\n        updateProfile(input: $input) { displayName bio }\n      }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      query IdentityUserEmail($u: String) { user(username: $u) { id username email } }\n    "): (typeof documents)["\n      query IdentityUserEmail($u: String) { user(username: $u) { id username email } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query IdentityUserByBoth($id: ID, $u: String) { user(id: $id, username: $u) { id } }\n      "): (typeof documents)["\n        query IdentityUserByBoth($id: ID, $u: String) { user(id: $id, username: $u) { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query IdentityUserBadId { user(id: \"42\") { id } }\n      "): (typeof documents)["\n        query IdentityUserBadId { user(id: \"42\") { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query IdentityUserMissing($u: String) { user(username: $u) { id } }\n      "): (typeof documents)["\n        query IdentityUserMissing($u: String) { user(username: $u) { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation IdentityChangePassword($c: String!, $n: String!) {\n        changePassword(currentPassword: $c, newPassword: $n)\n      }\n    "): (typeof documents)["\n      mutation IdentityChangePassword($c: String!, $n: String!) {\n        changePassword(currentPassword: $c, newPassword: $n)\n      }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation IdentityVerifyEmail($t: String!) { verifyEmail(token: $t) { id } }\n    "): (typeof documents)["\n      mutation IdentityVerifyEmail($t: String!) { verifyEmail(token: $t) { id } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      mutation ListBoundsRegister($input: RegisterInput!) {\n        register(input: $input) { accessToken user { id } }\n      }\n    "): (typeof documents)["\n      mutation ListBoundsRegister($input: RegisterInput!) {\n        register(input: $input) { accessToken user { id } }\n      }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n            query ListBoundsInFragment($id: ID) { user(id: $id) { ...ListBoundsMany } }\n            fragment ListBoundsMany on User { followers(limit: 5000) { id } }\n          "): (typeof documents)["\n            query ListBoundsInFragment($id: ID) { user(id: $id) { ...ListBoundsMany } }\n            fragment ListBoundsMany on User { followers(limit: 5000) { id } }\n          "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation LoginThrottleRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"): (typeof documents)["\n  mutation LoginThrottleRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation LoginThrottleLogin($input: LoginInput!) {\n    login(input: $input) { accessToken user { id } }\n  }\n"): (typeof documents)["\n  mutation LoginThrottleLogin($input: LoginInput!) {\n    login(input: $input) { accessToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation LoginThrottleChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n"): (typeof documents)["\n  mutation LoginThrottleChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation LoginThrottleRefresh($t: String!) {\n          refreshSession(refreshToken: $t) { accessToken }\n        }\n      "): (typeof documents)["\n        mutation LoginThrottleRefresh($t: String!) {\n          refreshSession(refreshToken: $t) { accessToken }\n        }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation MySessionsRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"): (typeof documents)["\n  mutation MySessionsRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation MySessionsLogin($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken }\n  }\n"): (typeof documents)["\n  mutation MySessionsLogin($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation MySessionsRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n"): (typeof documents)["\n  mutation MySessionsRefresh($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query MySessions { mySessions { id createdAt lastUsedAt client current } }\n"): (typeof documents)["\n  query MySessions { mySessions { id createdAt lastUsedAt client current } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation MySessionsRevoke($id: ID!) { revokeSession(id: $id) }\n"): (typeof documents)["\n  mutation MySessionsRevoke($id: ID!) { revokeSession(id: $id) }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation MySessionsRevokeOthers { revokeOtherSessions }\n"): (typeof documents)["\n  mutation MySessionsRevokeOthers { revokeOtherSessions }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation NetworkFollow($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }\n"): (typeof documents)["\n  mutation NetworkFollow($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation NetworkUnfollow($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }\n"): (typeof documents)["\n  mutation NetworkUnfollow($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query NetworkProfile($u: String) { user(username: $u) {\n          username displayName followerCount followingCount viewerFollows followsViewer\n          followersConnection(first: 10, sort: [{ edge: { createdAt: DESC } }]) {\n            totalCount edges { node { username } properties { createdAt } }\n          }\n        } }\n      "): (typeof documents)["\n        query NetworkProfile($u: String) { user(username: $u) {\n          username displayName followerCount followingCount viewerFollows followsViewer\n          followersConnection(first: 10, sort: [{ edge: { createdAt: DESC } }]) {\n            totalCount edges { node { username } properties { createdAt } }\n          }\n        } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query NetworkViewerFollows($u: String) { user(username: $u) { viewerFollows } }\n      "): (typeof documents)["\n        query NetworkViewerFollows($u: String) { user(username: $u) { viewerFollows } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query NetworkAnonymousSuggestions { suggestedFollows { id } }\n      "): (typeof documents)["\n        query NetworkAnonymousSuggestions { suggestedFollows { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query NetworkTooManyFollowers($id: ID) {\n          user(id: $id) { followersConnection(first: 101) { totalCount } }\n        }\n      "): (typeof documents)["\n        query NetworkTooManyFollowers($id: ID) {\n          user(id: $id) { followersConnection(first: 101) { totalCount } }\n        }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation TraceCreatePost($b: String!) { createPost(body: $b) { id } }\n"): (typeof documents)["\n  mutation TraceCreatePost($b: String!) { createPost(body: $b) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query TracePostAuthor($id: ID!) { post(id: $id) { id author { username } } }\n"): (typeof documents)["\n  query TracePostAuthor($id: ID!) { post(id: $id) { id author { username } } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcStart($p: String!) { startOidcSignIn(provider: $p) { authorizationUrl state } }\n"): (typeof documents)["\n  mutation OidcStart($p: String!) { startOidcSignIn(provider: $p) { authorizationUrl state } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcFinish($state: String!, $code: String!, $iss: String) {\n    finishOidcSignIn(state: $state, code: $code, iss: $iss) {\n      session { accessToken refreshToken user { id username } }\n      signUp { ticket email emailVerified suggestedUsername }\n    }\n  }\n"): (typeof documents)["\n  mutation OidcFinish($state: String!, $code: String!, $iss: String) {\n    finishOidcSignIn(state: $state, code: $code, iss: $iss) {\n      session { accessToken refreshToken user { id username } }\n      signUp { ticket email emailVerified suggestedUsername }\n    }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcComplete($ticket: String!, $username: String!) {\n    completeOidcSignUp(ticket: $ticket, username: $username) { accessToken user { id username } }\n  }\n"): (typeof documents)["\n  mutation OidcComplete($ticket: String!, $username: String!) {\n    completeOidcSignUp(ticket: $ticket, username: $username) { accessToken user { id username } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcStartLink($p: String!) { startOidcLink(provider: $p) { authorizationUrl } }\n"): (typeof documents)["\n  mutation OidcStartLink($p: String!) { startOidcLink(provider: $p) { authorizationUrl } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcFinishLink($state: String!, $code: String!, $iss: String) {\n    finishOidcLink(state: $state, code: $code, iss: $iss) { provider email }\n  }\n"): (typeof documents)["\n  mutation OidcFinishLink($state: String!, $code: String!, $iss: String) {\n    finishOidcLink(state: $state, code: $code, iss: $iss) { provider email }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcUnlink($p: String!) { unlinkOidcProvider(provider: $p) { provider } }\n"): (typeof documents)["\n  mutation OidcUnlink($p: String!) { unlinkOidcProvider(provider: $p) { provider } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query OidcMe { me { id email emailVerified } myLinkedProviders { provider email } oidcProviders }\n"): (typeof documents)["\n  query OidcMe { me { id email emailVerified } myLinkedProviders { provider email } oidcProviders }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation OidcRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n"): (typeof documents)["\n  mutation OidcRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation PostsCreate($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id body replyCount }\n  }\n"): (typeof documents)["\n  mutation PostsCreate($body: String!, $replyToId: ID) {\n    createPost(body: $body, replyToId: $replyToId) { id body replyCount }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation PostsDelete($id: ID!) { deletePost(id: $id) }\n"): (typeof documents)["\n  mutation PostsDelete($id: ID!) { deletePost(id: $id) }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation PostsLikeId($id: ID!) { likePost(id: $id) { id } }\n"): (typeof documents)["\n  mutation PostsLikeId($id: ID!) { likePost(id: $id) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation PostsUnlikeId($id: ID!) { unlikePost(id: $id) { id } }\n"): (typeof documents)["\n  mutation PostsUnlikeId($id: ID!) { unlikePost(id: $id) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query PostsLikeCount($id: ID!) { post(id: $id) { likeCount } }\n"): (typeof documents)["\n  query PostsLikeCount($id: ID!) { post(id: $id) { likeCount } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation PostsLike($id: ID!) { likePost(id: $id) { likeCount viewerHasLiked } }\n      "): (typeof documents)["\n        mutation PostsLike($id: ID!) { likePost(id: $id) { likeCount viewerHasLiked } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      query PostsProfile($u: String) { user(username: $u) { username posts { edges { node {\n        id body author { username } likeCount replyCount viewerHasLiked\n        replies { edges { node { body author { username } replyTo { id } } } }\n      } } } } }\n    "): (typeof documents)["\n      query PostsProfile($u: String) { user(username: $u) { username posts { edges { node {\n        id body author { username } likeCount replyCount viewerHasLiked\n        replies { edges { node { body author { username } replyTo { id } } } }\n      } } } } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation PostsUnlike($id: ID!) { unlikePost(id: $id) { likeCount viewerHasLiked } }\n      "): (typeof documents)["\n        mutation PostsUnlike($id: ID!) { unlikePost(id: $id) { likeCount viewerHasLiked } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query PostsGone($id: ID!) { post(id: $id) { id } }\n      "): (typeof documents)["\n        query PostsGone($id: ID!) { post(id: $id) { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query PostsReply($id: ID!) { post(id: $id) { body replyTo { id } } }\n      "): (typeof documents)["\n        query PostsReply($id: ID!) { post(id: $id) { body replyTo { id } } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      query PostsOfAuthor($id: ID, $first: Int) { user(id: $id) { posts(first: $first) { edges {\n        node {\n          body author { username displayName } likeCount replyCount viewerHasLiked replyTo { id }\n        }\n      } } } }\n    "): (typeof documents)["\n      query PostsOfAuthor($id: ID, $first: Int) { user(id: $id) { posts(first: $first) { edges {\n        node {\n          body author { username displayName } likeCount replyCount viewerHasLiked replyTo { id }\n        }\n      } } } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation PostsUpdateOthers($id: ID!) { updatePost(id: $id, body: \"pwned\") { id } }\n      "): (typeof documents)["\n        mutation PostsUpdateOthers($id: ID!) { updatePost(id: $id, body: \"pwned\") { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation PostsUpdateOwn($id: ID!) { updatePost(id: $id, body: \" edited \") { body editedAt } }\n      "): (typeof documents)["\n        mutation PostsUpdateOwn($id: ID!) { updatePost(id: $id, body: \" edited \") { body editedAt } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query PostsMalformedId { post(id: \"x\") { id } }\n      "): (typeof documents)["\n        query PostsMalformedId { post(id: \"x\") { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n          query PostsFirstBound($id: ID, $f: Int) {\n            user(id: $id) { posts(first: $f) { edges { cursor } } }\n          }\n        "): (typeof documents)["\n          query PostsFirstBound($id: ID, $f: Int) {\n            user(id: $id) { posts(first: $f) { edges { cursor } } }\n          }\n        "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query PostsBadCursor($id: ID) {\n          user(id: $id) { posts(after: \"garbage\") { edges { cursor } } }\n        }\n      "): (typeof documents)["\n        query PostsBadCursor($id: ID) {\n          user(id: $id) { posts(after: \"garbage\") { edges { cursor } } }\n        }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        mutation RateLimitsRegister($input: RegisterInput!) { register(input: $input) { accessToken } }\n      "): (typeof documents)["\n        mutation RateLimitsRegister($input: RegisterInput!) { register(input: $input) { accessToken } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      query RateLimitsMe { me { id } }\n    "): (typeof documents)["\n      query RateLimitsMe { me { id } }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n      query RateLimitsAnonymous { __typename }\n    "): (typeof documents)["\n      query RateLimitsAnonymous { __typename }\n    "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  fragment SessionsSession on AuthPayload { accessToken refreshToken user { id } }\n"): (typeof documents)["\n  fragment SessionsSession on AuthPayload { accessToken refreshToken user { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation SessionsRegister($input: RegisterInput!) {\n    register(input: $input) { ...SessionsSession }\n  }\n"): (typeof documents)["\n  mutation SessionsRegister($input: RegisterInput!) {\n    register(input: $input) { ...SessionsSession }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation SessionsLogin($input: LoginInput!) { login(input: $input) { ...SessionsSession } }\n"): (typeof documents)["\n  mutation SessionsLogin($input: LoginInput!) { login(input: $input) { ...SessionsSession } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation SessionsRefresh($t: String!) {\n    refreshSession(refreshToken: $t) { ...SessionsSession }\n  }\n"): (typeof documents)["\n  mutation SessionsRefresh($t: String!) {\n    refreshSession(refreshToken: $t) { ...SessionsSession }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation SessionsChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n"): (typeof documents)["\n  mutation SessionsChangePassword($c: String!, $n: String!) {\n    changePassword(currentPassword: $c, newPassword: $n)\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation SessionsLogout { logout }\n"): (typeof documents)["\n  mutation SessionsLogout { logout }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query SessionsMe { me { id } }\n      "): (typeof documents)["\n        query SessionsMe { me { id } }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n                mutation SessionsLogoutByRefreshToken($t: String) { logout(refreshToken: $t) }\n              "): (typeof documents)["\n                mutation SessionsLogoutByRefreshToken($t: String) { logout(refreshToken: $t) }\n              "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n        query SubgraphTimeoutsProfileAndGraph($u: String!) {\n          user(username: $u) { username displayName followerCount }\n        }\n      "): (typeof documents)["\n        query SubgraphTimeoutsProfileAndGraph($u: String!) {\n          user(username: $u) { username displayName followerCount }\n        }\n      "];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation TraceFollow($id: ID!) { follow(userId: $id) { id } }\n"): (typeof documents)["\n  mutation TraceFollow($id: ID!) { follow(userId: $id) { id } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }\n"): (typeof documents)["\n  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query TypeTestMe { me { username } }\n"): (typeof documents)["\n  query TypeTestMe { me { username } }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  query TypeTestUser($username: String, $first: Int) {\n    user(username: $username) { posts(first: $first) { edges { node { id } } } }\n  }\n"): (typeof documents)["\n  query TypeTestUser($username: String, $first: Int) {\n    user(username: $username) { posts(first: $first) { edges { node { id } } } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation ResendRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n"): (typeof documents)["\n  mutation ResendRegister($input: RegisterInput!) {\n    register(input: $input) { accessToken user { id } }\n  }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation ResendVerification { resendVerificationEmail }\n"): (typeof documents)["\n  mutation ResendVerification { resendVerificationEmail }\n"];
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "\n  mutation ResendVerify($token: String!) { verifyEmail(token: $token) { id emailVerified } }\n"): (typeof documents)["\n  mutation ResendVerify($token: String!) { verifyEmail(token: $token) { id emailVerified } }\n"];

export function gql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;