import Bowser from 'bowser';

/** User agents longer than this are cut when stored (a header is no place for essays). */
export const MAX_USER_AGENT = 512;

/**
 * What a person recognises a session by: "Firefox 133 on Linux", "Safari 18 on iOS". A user
 * agent naming no known browser (an app's own HTTP client, curl) is shown as sent; none, null.
 */
export function clientDescriptionOf(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return userAgent;
  const major = browser.version?.split('.')[0];
  const name = major ? `${browser.name} ${major}` : browser.name;
  return os.name ? `${name} on ${os.name}` : name;
}
