import { z } from 'zod';
import { parseRequestId } from '../../requests/index.js';

// Card data is untrusted: it only selects a request and carries what the
// card showed (plan hash, round, inputs). Who acts comes from the activity.
const requestIdField = z.string().max(40).transform((text, context) => {
  const id = parseRequestId(text);
  if (!id) {
    context.addIssue({ code: 'custom', message: 'requestId is not a change request id' });
    return z.NEVER;
  }
  return id;
});

const commentField = z.string().max(500).optional().transform((text) => text?.trim() || undefined);

export const requestClickSchema = z.object({ requestId: requestIdField });

export const submitClickSchema = z.object({
  requestId: requestIdField,
  relayState: z.string().max(300),
  createTestUser: z.enum(['true', 'false']).optional(),
});

export const decisionClickSchema = z.object({
  requestId: requestIdField,
  planHash: z.string().regex(/^[0-9a-f]{64}$/, 'planHash is not a plan hash'),
  round: z.union([z.number().int().min(1), z.string().regex(/^[1-9][0-9]{0,5}$/).transform(Number)]),
  comment: commentField,
});

export const checklistClickSchema = z.object({
  requestId: requestIdField,
  itemId: z.string().min(1).max(80),
});

export type ClickParse<T> = { ok: true; value: T } | { ok: false; problem: string; requestId?: string };

/** Parses click data; on failure returns the first problem and, when readable, the request id. */
export function parseClick<T>(schema: z.ZodType<T>, data: Record<string, unknown>): ClickParse<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };

  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'data';
  const requestId = typeof data.requestId === 'string' ? parseRequestId(data.requestId) : undefined;
  return { ok: false, problem: `${field}: ${issue?.message ?? 'invalid'}`, ...(requestId ? { requestId } : {}) };
}
