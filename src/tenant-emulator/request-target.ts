/**
 * Splits a request target into a decoded path and its query. Each path
 * segment is percent-decoded on its own, so `%23` becomes `#` and `%2F` stays
 * inside its segment. A raw `#` never reaches a server because clients cut
 * the URL there.
 */
export function parseTarget(target: string): { path: string; query: URLSearchParams } {
  const questionMark = target.indexOf('?');
  const rawPath = questionMark === -1 ? target : target.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : target.slice(questionMark + 1);
  const path = rawPath
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
  return { path: path.length > 1 ? path.replace(/\/$/, '') : path, query: new URLSearchParams(rawQuery) };
}
