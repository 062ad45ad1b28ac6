import { describe, expect, it } from 'vitest';
import {
  bio,
  displayName,
  email,
  password,
  registerInput,
  username,
} from '../src/domain/validation';

describe('identity input rules', () => {
  it('normalises usernames to lower case and allows only [a-z0-9_]{3,30}', () => {
    expect(username.parse('  Ada_Lovelace ')).toBe('ada_lovelace');
    for (const bad of ['ab', 'a'.repeat(31), 'ada-l', 'ada l', 'adä', '']) {
      expect(username.safeParse(bad).success, bad).toBe(false);
    }
    expect(username.safeParse('a'.repeat(30)).success).toBe(true);
  });

  it('lower-cases emails and rejects malformed ones', () => {
    expect(email.parse(' Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of [
      'ada',
      'ada@',
      '@example.com',
      'ada@@example.com',
      `${'a'.repeat(250)}@x.io`,
    ]) {
      expect(email.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('wants passwords of 8 to 128 characters', () => {
    expect(password.safeParse('1234567').success).toBe(false);
    expect(password.safeParse('12345678').success).toBe(true);
    expect(password.safeParse('x'.repeat(128)).success).toBe(true);
    expect(password.safeParse('x'.repeat(129)).success).toBe(false);
  });

  it('trims profile text, clears it when empty, and bounds its length', () => {
    expect(displayName.parse('  Ada  ')).toBe('Ada');
    expect(displayName.parse('   ')).toBeNull();
    expect(displayName.parse(null)).toBeNull();
    expect(displayName.safeParse('x'.repeat(51)).success).toBe(false);
    expect(displayName.safeParse('Ada\nLovelace').success).toBe(false);
    expect(bio.parse('line one\nline two')).toBe('line one\nline two');
    expect(bio.safeParse('bell\u0007').success).toBe(false);
    expect(bio.safeParse('x'.repeat(301)).success).toBe(false);
  });

  it('reports every bad field of a registration', () => {
    const result = registerInput.safeParse({ username: 'x', email: 'no', password: 'short' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'email',
      'password',
      'username',
    ]);
  });
});
