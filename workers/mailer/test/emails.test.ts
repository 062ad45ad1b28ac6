import { describe, expect, it } from 'vitest';
import {
  accountDeletedEmail,
  emailChangedEmail,
  emailChangeEmail,
  maskedEmail,
  passwordChangedEmail,
  passwordResetEmail,
  verificationUrl,
  welcomeEmail,
} from '../src/domain/emails';

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

describe('account emails', () => {
  it('the reset and email-change links go to their app pages', () => {
    const resetUrl = verificationUrl('https://app.example/reset-password', 'tok_1');
    const reset = passwordResetEmail({
      username: 'ada',
      displayName: null,
      verifyUrl: resetUrl,
      expiresAt: new Date('2026-11-29T10:30:00Z'),
    });
    expect(reset.subject).toBe('Reset your Flock password, @ada');
    expect(reset.text).toContain('https://app.example/reset-password?token=tok_1');
    const change = emailChangeEmail({
      username: 'ada',
      displayName: null,
      verifyUrl: verificationUrl('https://app.example/confirm-email', 'tok_2'),
      expiresAt: new Date('2026-11-30T10:00:00Z'),
    });
    expect(change.text).toContain('https://app.example/confirm-email?token=tok_2');
  });

  it('notices carry no link and escape user text', () => {
    const changed = passwordChangedEmail({
      username: 'ada',
      displayName: '<Ada>',
      at: new Date('2026-11-29T10:00:00Z'),
      reason: 'reset',
    });
    expect(changed.text).toContain('Every session of the account was signed out.');
    expect(changed.text).not.toContain('http');
    expect(changed.html).toContain('Hi &#60;Ada&#62;,');
    const moved = emailChangedEmail({
      username: 'ada',
      displayName: null,
      at: new Date('2026-11-29T10:00:00Z'),
      newEmail: 'lovelace@example.org',
    });
    expect(moved.text).toContain('l***@example.org');
    expect(moved.text).not.toContain('lovelace@');
    expect(maskedEmail('a@b.c')).toBe('a***@b.c');
  });
});
