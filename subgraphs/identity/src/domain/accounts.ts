import type { EmailTokenCipher, Viewer } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import {
  createEnvelope,
  emailVerificationRequested,
  passwordChanged,
  userRegistered,
} from '@flock/events';
import { badUserInput, isUuid, parseInput, requireFound, unauthenticated } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { uuidv7 } from 'uuidv7';
import { Prisma, type PrismaClient, type User } from '../generated/prisma/client';
import { deleteAccount } from './account-deletion';
import type { ClientLimit, CredentialThrottle } from './credential-throttle';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { hashToken, randomToken } from './secrets';
import type { Sessions, SignedIn } from './sessions';
import {
  currentPassword as currentPasswordRule,
  loginInput,
  opaqueToken,
  password as passwordRule,
  registerInput,
  updateProfileInput,
} from './validation';

export interface AccountsDeps {
  prisma: PrismaClient;
  sessions: Sessions;
  emailTokens: EmailTokenCipher;
  /** Password guesses at login, per login name as typed (see below). */
  loginThrottle: CredentialThrottle;
  /** Current-password guesses at changePassword, per account. */
  passwordChangeThrottle: CredentialThrottle;
  /** Registrations per client address. */
  registrationLimit: ClientLimit;
  /** Verification emails asked for again, per account (keyed `user:<id>`). */
  verificationEmailLimit: ClientLimit;
  verificationTtlHours: number;
  logger?: Logger;
  /** Called after a transaction that wrote to the outbox has committed. */
  onOutboxWrite?: () => void;
}

/** Who is asking, as far as limits are concerned. */
export interface Caller {
  /** The client's address (see clientAddressOf). */
  client: string;
  /** The request's, carried by the events a mutation publishes. */
  correlationId?: string;
  /** The client's user agent, kept with a session it signs in (see mySessions). */
  userAgent?: string | null;
}

/**
 * For code that registers accounts in bulk in this process (the demo seeder, infra/seed), never
 * reachable from the API.
 */
export interface RegisterOptions {
  /** When the account was created (default now); its verification link still runs from now. */
  registeredAt?: Date;
  /** An argon2id hash of `input.password`, computed once for many accounts sharing it. */
  passwordHash?: string;
}

const INVALID_CREDENTIALS = 'Invalid login or password';

/**
 * An account that is unverified, whose verification period is over and that nobody has used
 * since (no sign-in or refresh after its last verification link expired): an abandoned
 * registration, whose username and email a new registration may take.
 */
const abandonedRegistration = Prisma.sql`
  u.email_verified_at IS NULL
  AND EXISTS (SELECT 1 FROM email_verifications v WHERE v.user_id = u.id)
  AND NOT EXISTS (
    SELECT 1 FROM email_verifications v WHERE v.user_id = u.id AND v.expires_at > now())
  AND NOT EXISTS (
    SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.last_used_at > (
      SELECT max(v.expires_at) FROM email_verifications v WHERE v.user_id = u.id))`;

interface Holder {
  id: string;
  username: string;
  email: string;
  abandoned: boolean;
}

/** The account rules: registration, sign-in, profile, password, email verification. */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  /**
   * A username or email held by an abandoned registration is released: that account is
   * deleted (with its sessions and verification links) in the transaction that creates the
   * new one. Its id is never reused (UUIDv7).
   */
  async register(
    rawInput: unknown,
    caller: Caller,
    options: RegisterOptions = {},
  ): Promise<SignedIn> {
    const input = parseInput(registerInput, rawInput, 'input');
    await this.deps.registrationLimit(caller.client);
    const { prisma, sessions } = this.deps;
    const holders = await this.holdersOf(prisma, input);
    assertAvailable(holders, input);

    const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
    const userId = uuidv7();
    const now = new Date();
    const registeredAt = options.registeredAt ?? now;
    const verification = await this.newVerification(userId, input.email, now);
    const envelope = createEnvelope(
      userRegistered,
      {
        userId,
        username: input.username,
        displayName: input.displayName,
        email: input.email,
        registeredAt: registeredAt.toISOString(),
        emailVerification: verification.forMailer,
      },
      { source: 'identity', correlationId: caller.correlationId },
    );

    try {
      const { user, refresh, released } = await prisma.$transaction(async (tx) => {
        const abandoned = holders.filter((h) => h.abandoned).map((h) => h.id);
        const released = abandoned.length
          ? await tx.$queryRaw<{ id: string }[]>`
              DELETE FROM users u WHERE u.id = ANY(${abandoned}::uuid[]) AND ${abandonedRegistration}
              RETURNING u.id`
          : [];
        const user = await tx.user.create({
          data: {
            id: userId,
            username: input.username,
            email: input.email,
            displayName: input.displayName,
            passwordHash,
            createdAt: registeredAt,
          },
        });
        await tx.emailVerification.create({ data: verification.row });
        await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
        const refresh = await sessions.start(tx, userId, caller.userAgent);
        return { user, refresh, released };
      });
      this.deps.onOutboxWrite?.();
      for (const { id } of released) {
        this.deps.logger?.info({ userId: id }, 'abandoned registration released');
      }
      return sessions.signedIn(user, refresh);
    } catch (error) {
      // Lost a race with a concurrent registration of the same name or email.
      if (isUniqueViolation(error)) assertAvailable(await this.holdersOf(prisma, input), input);
      throw error;
    }
  }

  /**
   * The attempt is counted before the password is checked (see CredentialThrottle), keyed by
   * the login name as typed, whether or not such an account exists: a limit that followed the
   * account instead would tell which email belongs to which username.
   */
  async login(rawInput: unknown, caller: Caller): Promise<SignedIn> {
    const input = parseInput(loginInput, rawInput, 'input');
    const { prisma, loginThrottle, sessions } = this.deps;
    const attempt = await loginThrottle.begin(`login:${input.login}`, caller.client);
    const user = await prisma.user.findUnique({
      where: input.login.includes('@') ? { email: input.login } : { username: input.login },
    });
    if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    await attempt.succeeded();
    const rehash =
      user.passwordHash && needsRehash(user.passwordHash)
        ? await hashPassword(input.password)
        : null;
    const refresh = await prisma.$transaction(async (tx) => {
      // Locks the account against a concurrent password change: either the change committed
      // first (this password is no longer the account's), or it waits for this session and
      // then ends it with the others.
      const [row] = await tx.$queryRaw<{ password_hash: string }[]>`
        SELECT password_hash FROM users WHERE id = ${user.id}::uuid FOR SHARE`;
      if (row?.password_hash !== user.passwordHash) return null;
      if (rehash) await tx.user.update({ where: { id: user.id }, data: { passwordHash: rehash } });
      return sessions.start(tx, user.id, caller.userAgent);
    });
    if (!refresh) throw unauthenticated(INVALID_CREDENTIALS);
    return sessions.signedIn(user, refresh);
  }

  async updateProfile(viewer: Viewer, rawInput: unknown): Promise<User> {
    const input = parseInput(updateProfileInput, rawInput, 'input');
    const [user] = await this.deps.prisma.user.updateManyAndReturn({
      where: { id: viewer.id },
      data: input,
    });
    // A deleted account's access token outlives it by minutes.
    if (!user) throw unauthenticated('The account of this token no longer exists');
    return user;
  }

  /**
   * Throttled like login (per account and client address, counted before the check), so a
   * stolen access token does not allow guessing the password. Ends every other session and
   * tells the owner by email.
   */
  async changePassword(
    viewer: Viewer,
    rawCurrent: unknown,
    rawNext: unknown,
    caller: Caller,
  ): Promise<boolean> {
    const current = parseInput(currentPasswordRule, rawCurrent, 'currentPassword');
    const newPassword = parseInput(passwordRule, rawNext, 'newPassword');
    const { prisma, sessions } = this.deps;
    const user = requireFound(await prisma.user.findUnique({ where: { id: viewer.id } }), 'User');
    const attempt = await this.deps.passwordChangeThrottle.begin(`user:${user.id}`, caller.client);
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw badUserInput({ field: 'currentPassword', message: 'is incorrect' });
    }
    await attempt.succeeded();
    const passwordHash = await hashPassword(newPassword);
    // The owner is told by email (a stolen session changing the password does not go unseen).
    const envelope = createEnvelope(
      passwordChanged,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        email: user.email,
        changedAt: new Date().toISOString(),
        reason: 'change' as const,
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    await prisma.$transaction(async (tx) => {
      const changed = await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash },
      });
      // A concurrent change won: the password checked above is no longer the account's.
      if (changed.count === 0) {
        throw badUserInput({ field: 'currentPassword', message: 'is incorrect' });
      }
      await sessions.revokeOthers(tx, user.id, viewer.sessionId);
      await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
    });
    this.deps.onOutboxWrite?.();
    return true;
  }

  async verifyEmail(rawToken: unknown): Promise<User> {
    const token = parseInput(opaqueToken, rawToken, 'token');
    const { prisma } = this.deps;
    const now = new Date();
    return prisma.$transaction(async (tx) => {
      const record = await tx.emailVerification.findUnique({
        where: { tokenHash: hashToken(token) },
        include: { user: true },
      });
      if (!record || record.usedAt || record.email !== record.user.email) {
        throw badUserInput({ field: 'token', message: 'is invalid or was already used' });
      }
      if (record.expiresAt <= now) throw badUserInput({ field: 'token', message: 'has expired' });
      await tx.emailVerification.update({ where: { id: record.id }, data: { usedAt: now } });
      return tx.user.update({ where: { id: record.userId }, data: { emailVerifiedAt: now } });
    });
  }

  /**
   * A new verification link for the viewer's current address, sent by the mailer (through the
   * outbox, so a Kafka or SMTP outage only delays it). Earlier links keep working until they
   * expire. False, with nothing sent or counted, when the address is verified already.
   */
  async resendVerificationEmail(viewer: Viewer, caller: Caller): Promise<boolean> {
    const { prisma } = this.deps;
    const user = requireFound(await prisma.user.findUnique({ where: { id: viewer.id } }), 'User');
    if (user.emailVerifiedAt) return false;
    await this.deps.verificationEmailLimit(`user:${user.id}`);
    const now = new Date();
    const verification = await this.newVerification(user.id, user.email, now);
    const envelope = createEnvelope(
      emailVerificationRequested,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        email: user.email,
        requestedAt: now.toISOString(),
        emailVerification: verification.forMailer,
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    await prisma.$transaction(async (tx) => {
      // The address may have changed since it was read: the link is for the one read, and
      // verifyEmail accepts a link only for the account's current address.
      await tx.emailVerification.create({ data: verification.row });
      await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
    });
    this.deps.onOutboxWrite?.();
    return true;
  }

  /** Deletes the viewer's account (see account-deletion.ts). */
  deleteAccount(viewer: Viewer, rawPassword: unknown, caller: Caller): Promise<boolean> {
    return deleteAccount(this.deps, viewer, rawPassword, caller);
  }

  /** A verification link: its row (the token hashed) and the token sealed for the mailer. */
  private async newVerification(userId: string, email: string, now: Date) {
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + this.deps.verificationTtlHours * 3_600_000);
    return {
      row: { id: uuidv7(), userId, email, tokenHash: hashToken(token), expiresAt },
      forMailer: {
        encryptedToken: await this.deps.emailTokens.seal(token),
        expiresAt: expiresAt.toISOString(),
      },
    };
  }

  async byIds(ids: readonly string[]): Promise<(User | null)[]> {
    const valid = ids.filter(isUuid);
    const users = valid.length
      ? await this.deps.prisma.user.findMany({ where: { id: { in: [...valid] } } })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  byUsername(username: string): Promise<User | null> {
    return this.deps.prisma.user.findUnique({ where: { username: username.trim().toLowerCase() } });
  }

  /** The accounts holding the username or the email, and whether each is abandoned. */
  private holdersOf(
    db: PrismaClient,
    input: { username: string; email: string },
  ): Promise<Holder[]> {
    return db.$queryRaw<Holder[]>`
      SELECT u.id, u.username, u.email, (${abandonedRegistration}) AS abandoned
      FROM users u WHERE u.username = ${input.username} OR u.email = ${input.email}`;
  }
}

/**
 * A taken username or email is a BAD_USER_INPUT naming the field. `register` signs the new
 * account in, so it cannot pretend to succeed without creating a second account on the same
 * address; what it reveals is bounded instead (see README, Security): registrations are
 * limited per client, the answer is the same whether the holder verified the address or not,
 * and an abandoned registration holds nothing.
 */
function assertAvailable(holders: Holder[], input: { username: string; email: string }): void {
  const taken = holders.filter((h) => !h.abandoned);
  const problems = [];
  if (taken.some((u) => u.username === input.username)) {
    problems.push({ field: 'input.username', message: 'is already taken' });
  }
  if (taken.some((u) => u.email === input.email)) {
    problems.push({ field: 'input.email', message: 'is already registered' });
  }
  if (problems.length > 0) throw badUserInput(problems);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
