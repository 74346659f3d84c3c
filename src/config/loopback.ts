/** Tells whether a URL's host is a loopback address (127.0.0.0/8, ::1 or localhost). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }

  if (host === 'localhost' || host === '[::1]' || host === '::1') {
    return true;
  }
  return /^127(\.\d{1,3}){3}$/.test(host);
}
