import { badRequest } from '../graph-error.js';
import type { JsonObject } from '../types.js';

/** Rejects a PATCH body that is not an object or sets read-only or unknown properties. */
export function checkPatchBody(body: unknown, writable: readonly string[], readOnly: readonly string[]): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  for (const name of Object.keys(body)) {
    if (name.startsWith('@odata.')) {
      continue;
    }
    if (name === 'passwordCredentials') {
      throw badRequest('New password credentials must be generated using service actions.');
    }
    if (readOnly.includes(name)) {
      throw badRequest(`Property '${name}' is read-only and cannot be set.`);
    }
    if (!writable.includes(name)) {
      throw badRequest(`Property '${name}' does not exist as a declared property or extension property.`);
    }
  }
  return body as JsonObject;
}
