import { z } from 'zod';
import { defineTopic } from './topic';

/**
 * Every Flock topic and its payload. Payloads are thin: ids plus what consumers need.
 * A breaking change means a new topic version (.v2), never an edit here.
 */
const id = z.uuid();
const timestamp = z.iso.datetime({ offset: true });

export const userRegistered = defineTopic(
  'identity.user-registered.v1',
  z.object({
    userId: id,
    username: z.string().min(3).max(30),
    displayName: z.string().max(100).nullable(),
    email: z.email(),
    registeredAt: timestamp,
    /**
     * The email-verification token, encrypted for the mailer (JWE, dir + A256GCM) so that
     * no plain token is ever stored in Kafka; other consumers ignore it.
     */
    emailVerification: z.object({ encryptedToken: z.string().min(1), expiresAt: timestamp }),
  }),
  (p) => p.userId,
);

/**
 * A signed-in user asked for a new verification email (resendVerificationEmail): the mailer
 * sends it. The token is encrypted for the mailer as in identity.user-registered.v1.
 */
export const emailVerificationRequested = defineTopic(
  'identity.email-verification-requested.v1',
  z.object({
    userId: id,
    username: z.string().min(3).max(30),
    displayName: z.string().max(100).nullable(),
    email: z.email(),
    requestedAt: timestamp,
    emailVerification: z.object({ encryptedToken: z.string().min(1), expiresAt: timestamp }),
  }),
  (p) => p.userId,
);

/**
 * The follower's follow clock at a follow change, assigned by the graph write that made it:
 * strictly increasing over one follower's changes (they are serialized on the follower's
 * node), and at least the database's clock in ms. Follows and unfollows travel on two topics
 * with no relative order, so consumers order one pair's changes by it. Optional: events
 * written before it existed have none, and their followedAt/unfollowedAt (ms) stands in.
 */
const followSequence = z.number().int().positive().optional();

export const userFollowed = defineTopic(
  'network.user-followed.v1',
  z.object({ followerId: id, followeeId: id, followedAt: timestamp, sequence: followSequence }),
  (p) => p.followerId,
);

export const userUnfollowed = defineTopic(
  'network.user-unfollowed.v1',
  z.object({ followerId: id, followeeId: id, unfollowedAt: timestamp, sequence: followSequence }),
  (p) => p.followerId,
);

export const postCreated = defineTopic(
  'posts.post-created.v1',
  z.object({ postId: id, authorId: id, replyToId: id.nullable(), createdAt: timestamp }),
  (p) => p.postId,
);

export const postDeleted = defineTopic(
  'posts.post-deleted.v1',
  z.object({ postId: id, authorId: id, deletedAt: timestamp }),
  (p) => p.postId,
);

/**
 * An account was deleted (deleteAccount). Identity has already removed the person's row;
 * every other service removes what it holds of them: network the node and its relationships,
 * posts their posts (replies others answered are tombstoned) and likes, the feed their posts
 * from every timeline and them from every follower set; the mailer confirms to `email`.
 * Consumers must stay replay-safe: a rebuild that replays older events after this one must
 * never bring anything of the account back.
 */
export const accountDeleted = defineTopic(
  'identity.account-deleted.v1',
  z.object({
    userId: id,
    username: z.string().min(3).max(30),
    displayName: z.string().max(100).nullable(),
    email: z.email(),
    deletedAt: timestamp,
  }),
  (p) => p.userId,
);

/** A sealed single-use token for the mailer (JWE, dir + A256GCM), as in user-registered. */
const sealedToken = z.object({ encryptedToken: z.string().min(1), expiresAt: timestamp });
const person = {
  userId: id,
  username: z.string().min(3).max(30),
  displayName: z.string().max(100).nullable(),
};

/**
 * requestPasswordReset for a registered address: the mailer sends the reset link to `email`.
 * Nothing is published for an address no account has (the API answers the same).
 */
export const passwordResetRequested = defineTopic(
  'identity.password-reset-requested.v1',
  z.object({ ...person, email: z.email(), requestedAt: timestamp, passwordReset: sealedToken }),
  (p) => p.userId,
);

/** The password was changed (`reason`: resetPassword or changePassword): the owner is told. */
export const passwordChanged = defineTopic(
  'identity.password-changed.v1',
  z.object({
    ...person,
    email: z.email(),
    changedAt: timestamp,
    reason: z.enum(['reset', 'change']),
  }),
  (p) => p.userId,
);

/** changeEmail: the mailer sends the confirmation link to the NEW address. */
export const emailChangeRequested = defineTopic(
  'identity.email-change-requested.v1',
  z.object({
    ...person,
    oldEmail: z.email(),
    newEmail: z.email(),
    requestedAt: timestamp,
    emailChange: sealedToken,
  }),
  (p) => p.userId,
);

/** confirmEmailChange: the address was replaced; the mailer tells the OLD address. */
export const emailChanged = defineTopic(
  'identity.email-changed.v1',
  z.object({ ...person, oldEmail: z.email(), newEmail: z.email(), changedAt: timestamp }),
  (p) => p.userId,
);

export const topics = {
  userRegistered,
  emailVerificationRequested,
  userFollowed,
  userUnfollowed,
  postCreated,
  postDeleted,
  accountDeleted,
  passwordResetRequested,
  passwordChanged,
  emailChangeRequested,
  emailChanged,
} as const;

export const allTopics = Object.values(topics);
