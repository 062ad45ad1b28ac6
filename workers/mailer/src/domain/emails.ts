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
