import { describe, expect, it } from 'vitest';
import { clientDescriptionOf } from '../src/domain/user-agent';

describe('clientDescriptionOf', () => {
  it('names known browsers with their major version and system', () => {
    expect(
      clientDescriptionOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 131 on Windows');
  });

  it('shows other clients as they describe themselves, and none as null', () => {
    expect(clientDescriptionOf('flock-cli/1.2')).toBe('flock-cli/1.2');
    expect(clientDescriptionOf('')).toBeNull();
    expect(clientDescriptionOf(null)).toBeNull();
  });
});
