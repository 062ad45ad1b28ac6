import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

/**
 * What a newcomer sees when the Sandbox opens (development only): operations to sign up or
 * in and read a feed, in the order to run them, and where the access token goes.
 */
export const sandboxDocument = `# Welcome to Flock. Three steps, top to bottom:
#
# 1. Run SignUp (edit the variables below) or SignIn (after \`npm run seed:demo\`, alice /
#    "flock-demo" works). The answer holds an accessToken.
# 2. Open the Headers tab and set   Authorization: Bearer <that accessToken>
#    (no header: you are signed out, and only public fields answer).
# 3. Run HomeFeed. Access tokens last 10 minutes; RefreshSession with the refreshToken
#    gives the next pair. The Schema tab documents every field.

mutation SignUp($input: RegisterInput!) {
  register(input: $input) {
    accessToken
    refreshToken
    user { id username }
  }
}

mutation SignIn($login: String!, $password: String!) {
  login(input: { login: $login, password: $password }) {
    accessToken
    refreshToken
    user { id username }
  }
}

mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken refreshToken }
}

query HomeFeed {
  me { username followerCount followingCount }
  homeFeed(first: 10) {
    edges {
      node {
        id
        body
        createdAt
        likeCount
        author { username displayName }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  suggestedFollows(first: 5) { id username }
}
`;

export const sandboxVariables = {
  input: {
    username: 'newcomer',
    email: 'newcomer@example.com',
    password: 'at least 8 characters',
  },
  login: 'alice',
  password: 'flock-demo',
  refreshToken: '',
};

export function sandboxLandingPage() {
  return ApolloServerPluginLandingPageLocalDefault({
    embed: { endpointIsEditable: false },
    includeCookies: false,
    document: sandboxDocument,
    variables: sandboxVariables,
    // Empty: signed out. An empty header is no token, so SignUp and SignIn still work.
    headers: { Authorization: '' },
  });
}
