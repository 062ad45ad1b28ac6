import { describe, expect, it } from 'vitest';
import { accountDeletedEmail, verificationUrl, welcomeEmail } from '../src/domain/emails';

describe('welcome email', () => {
  it('carries the verification link and escapes user text in HTML', () => {
    const verifyUrl = verificationUrl('https://app.example/verify?from=mail', 'tok_123');
    expect(verifyUrl).toBe('https://app.example/verify?from=mail&token=tok_123');
    const email = welcomeEmail({
      username: 'ada',
      displayName: '<Ada>',
      verifyUrl,
      expiresAt: new Date('2026-11-29T10:00:00Z'),
    });
    expect(email.subject).toBe('Welcome to Flock, @ada');
    expect(email.text).toContain(verifyUrl);
    expect(email.text).toContain('Hi <Ada>,');
    expect(email.html).toContain('Hi &#60;Ada&#62;,');
    expect(email.html).toContain('href="https://app.example/verify?from=mail&#38;token=tok_123"');
  });
});

describe('account-deleted email', () => {
  it('confirms the deletion and escapes user text in HTML', () => {
    const email = accountDeletedEmail({ username: 'ada', displayName: '<Ada>' });
    expect(email.subject).toBe('Your Flock account @ada was deleted');
    expect(email.text).toContain('Hi <Ada>,');
    expect(email.text).toContain('has been deleted');
    expect(email.html).toContain('Hi &#60;Ada&#62;,');
    expect(accountDeletedEmail({ username: 'bob', displayName: null }).text).toContain('Hi @bob,');
  });
});
