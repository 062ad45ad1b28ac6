/**
 * @flock/client: the typed Flock API client.
 *
 * Every operation of ./operations is exported as `<Name>Document` (e.g. `HomeFeedDocument`)
 * with its result and variable types (`HomeFeedQuery`, `HomeFeedQueryVariables`) and the
 * fragments' types (`PostFieldsFragment`, ...): the generated module holds them all.
 */
export * from './__generated__/graphql';
export * from './client';
export * from './errors';
export * from './tokens';
