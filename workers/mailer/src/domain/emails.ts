/** What the emails carrying a verification link are made of. */
export interface VerificationEmailInput {
  username: string;
  displayName: string | null;
  verifyUrl: string;
  expiresAt: Date;
}

/** The welcome email with the verification link, as plain text and HTML. */
export function welcomeEmail(input: VerificationEmailInput) {
  return linkEmail(input, {
    subject: `Welcome to Flock, @${input.username}`,
    intro: ['Welcome to Flock! Please', 'confirm your email address', ''],
    ignoreIf: 'you did not sign up',
  });
}

/** A new verification link the user asked for, as plain text and HTML. */
export function verificationEmail(input: VerificationEmailInput) {
  return linkEmail(input, {
    subject: `Confirm your email address, @${input.username}`,
    intro: ['Here is a new link to', 'confirm your email address', ' on Flock'],
    ignoreIf: 'you did not ask for it',
  });
}

/** The confirmation that an account was deleted (identity.account-deleted.v1). */
export function accountDeletedEmail({
  username,
  displayName,
}: {
  username: string;
  displayName: string | null;
}) {
  const name = displayName ?? `@${username}`;
  const gone = `Your Flock account @${username} has been deleted, with its posts, replies, likes and follows.`;
  const ifNot = 'If you did not ask for this, reply to this email.';
  return {
    subject: `Your Flock account @${username} was deleted`,
    text: [`Hi ${name},`, '', gone, '', ifNot].join('\n'),
    html: `<p>Hi ${escapeHtml(name)},</p>\n<p>${escapeHtml(gone)}</p>\n<p>${escapeHtml(ifNot)}</p>`,
  };
}

/** A password reset link the owner (or someone typing their address) asked for. */
export function passwordResetEmail(input: VerificationEmailInput) {
  return linkEmail(input, {
    subject: `Reset your Flock password, @${input.username}`,
    intro: ['You can', 'choose a new password', ' for your Flock account'],
    ignoreIf: 'you did not ask for it (your password stays as it is)',
  });
}

/** The confirmation link of an email change, sent to the new address. */
export function emailChangeEmail(input: VerificationEmailInput) {
  return linkEmail(input, {
    subject: `Confirm your new email address, @${input.username}`,
    intro: ['To move your Flock account to this address,', 'confirm it', ''],
    ignoreIf: 'you did not ask for it (nothing changes)',
  });
}

interface NoticeInput {
  username: string;
  displayName: string | null;
  at: Date;
}

/** Tells the owner their password changed (a reset or changePassword). */
export function passwordChangedEmail(input: NoticeInput & { reason: 'reset' | 'change' }) {
  const how = input.reason === 'reset' ? 'with a password reset link' : 'from a signed-in session';
  const ended =
    input.reason === 'reset'
      ? 'Every session of the account was signed out.'
      : 'Every other session of the account was signed out.';
  return notice(input, `Your Flock password was changed, @${input.username}`, [
    `The password of your Flock account @${input.username} was changed ${how} on ${input.at.toUTCString()}. ${ended}`,
    'If this was not you, reset your password right away with "Forgot password" in the app.',
  ]);
}

/** Tells the OLD address that the account moved to another one. */
export function emailChangedEmail(input: NoticeInput & { newEmail: string }) {
  return notice(input, `Your Flock email address was changed, @${input.username}`, [
    `The email address of your Flock account @${input.username} was changed to ${maskedEmail(input.newEmail)} on ${input.at.toUTCString()}. This address no longer receives its emails.`,
    'If this was not you, someone else controls your account: contact support.',
  ]);
}

/** `ada.lovelace@example.com` → `a***@example.com`: enough for the owner to recognise it. */
export function maskedEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

function notice({ username, displayName }: NoticeInput, subject: string, paragraphs: string[]) {
  const name = displayName ?? `@${username}`;
  return {
    subject,
    text: [`Hi ${name},`, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n').trimEnd(),
    html: [
      `<p>Hi ${escapeHtml(name)},</p>`,
      ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ].join('\n'),
  };
}

export function verificationUrl(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.toString();
}

/** `intro`: the text before the link, the link's text, the text after it. */
function linkEmail(
  { username, displayName, verifyUrl, expiresAt }: VerificationEmailInput,
  {
    subject,
    intro,
    ignoreIf,
  }: { subject: string; intro: [string, string, string]; ignoreIf: string },
) {
  const name = displayName ?? `@${username}`;
  const expires = expiresAt.toUTCString();
  const [before, link, after] = intro;
  return {
    subject,
    text: [
      `Hi ${name},`,
      '',
      `${before} ${link}${after} by opening this link:`,
      '',
      verifyUrl,
      '',
      `The link works until ${expires}. If ${ignoreIf}, ignore this email.`,
    ].join('\n'),
    html: `<p>Hi ${escapeHtml(name)},</p>
<p>${escapeHtml(before)} <a href="${escapeHtml(verifyUrl)}">${escapeHtml(link)}</a>${escapeHtml(after)}.</p>
<p>The link works until ${escapeHtml(expires)}. If ${escapeHtml(ignoreIf)}, ignore this email.</p>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
