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
    "\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": typeof types.HarnessRegisterMemberDocument,
    "\n  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }\n": typeof types.TypeTestPostDocument,
    "\n  query TypeTestMe { me { username } }\n": typeof types.TypeTestMeDocument,
    "\n  query TypeTestUser($username: String, $first: Int) {\n    user(username: $username) { posts(first: $first) { edges { node { id } } } }\n  }\n": typeof types.TypeTestUserDocument,
};
const documents: Documents = {
    "\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n": types.HarnessRegisterMemberDocument,
    "\n  query TypeTestPost($id: ID!) { post(id: $id) { id body likeCount } }\n": types.TypeTestPostDocument,
    "\n  query TypeTestMe { me { username } }\n": types.TypeTestMeDocument,
    "\n  query TypeTestUser($username: String, $first: Int) {\n    user(username: $username) { posts(first: $first) { edges { node { id } } } }\n  }\n": types.TypeTestUserDocument,
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
export function gql(source: "\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"): (typeof documents)["\n  mutation HarnessRegisterMember($input: RegisterInput!) {\n    register(input: $input) { accessToken refreshToken user { id } }\n  }\n"];
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

export function gql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;