export interface WelcomeEmailInput {
  username: string;
  displayName: string | null;
  verifyUrl: string;
  expiresAt: Date;
}

/** The welcome email with the verification link, as plain text and HTML. */
export function welcomeEmail({ username, displayName, verifyUrl, expiresAt }: WelcomeEmailInput) {
  const name = displayName ?? `@${username}`;
  const expires = expiresAt.toUTCString();
  return {
    subject: `Welcome to Flock, @${username}`,
    text: [
      `Hi ${name},`,
      '',
      'Welcome to Flock! Please confirm your email address by opening this link:',
      '',
      verifyUrl,
      '',
      `The link works until ${expires}. If you did not sign up, ignore this email.`,
    ].join('\n'),
    html: `<p>Hi ${escapeHtml(name)},</p>
<p>Welcome to Flock! Please <a href="${escapeHtml(verifyUrl)}">confirm your email address</a>.</p>
<p>The link works until ${escapeHtml(expires)}. If you did not sign up, ignore this email.</p>`,
  };
}

export function verificationUrl(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.toString();
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
