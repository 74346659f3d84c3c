import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApprovalPolicy, type CheckMemberGroups } from '../../src/requests/approval-policy.js';

const GROUP_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const CONFIGURED = 'bbbbbbbb-0000-0000-0000-000000000002';
const MEMBER = 'cccccccc-0000-0000-0000-000000000003';
const STRANGER = 'dddddddd-0000-0000-0000-000000000004';

/** Creates a stub of our own `CheckMemberGroups` shape that records its calls. */
function directory(members: string[], failure?: Error) {
  const calls: string[] = [];
  const check: CheckMemberGroups = async (userId, groupIds) => {
    calls.push(userId);
    if (failure) throw failure;
    return members.includes(userId) ? groupIds : [];
  };
  return { calls, check };
}

function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('createApprovalPolicy', () => {
  it('accepts configured approvers without asking Graph', async () => {
    const graph = directory([]);
    const policy = createApprovalPolicy({ approverIds: [CONFIGURED.toUpperCase()], approverGroupId: GROUP_ID, checkMemberGroups: graph.check, approvalsRequired: 1 });
    expect(await policy.isApprover({ aadObjectId: CONFIGURED })).toBe(true);
    expect(graph.calls).toEqual([]);
  });

  it('accepts group members and rejects others', async () => {
    const graph = directory([MEMBER]);
    const policy = createApprovalPolicy({ approverIds: [], approverGroupId: GROUP_ID, checkMemberGroups: graph.check, approvalsRequired: 1 });
    expect(await policy.isApprover({ aadObjectId: MEMBER })).toBe(true);
    expect(await policy.isApprover({ aadObjectId: STRANGER })).toBe(false);
  });

  it('rejects everyone outside the ids without a group', async () => {
    const graph = directory([MEMBER]);
    const policy = createApprovalPolicy({ approverIds: [CONFIGURED], checkMemberGroups: graph.check, approvalsRequired: 1 });
    expect(await policy.isApprover({ aadObjectId: MEMBER })).toBe(false);
    expect(graph.calls).toEqual([]);
  });

  it('rejects actors without an object id', async () => {
    const graph = directory(['']);
    const policy = createApprovalPolicy({ approverIds: [''], approverGroupId: GROUP_ID, checkMemberGroups: graph.check, approvalsRequired: 1 });
    expect(await policy.isApprover({ aadObjectId: '' })).toBe(false);
    expect(await policy.isApprover({} as { aadObjectId: string })).toBe(false);
    expect(graph.calls).toEqual([]);
  });

  it('caches membership for the TTL', async () => {
    let clock = 0;
    const graph = directory([MEMBER]);
    const policy = createApprovalPolicy({ approverIds: [], approverGroupId: GROUP_ID, checkMemberGroups: graph.check, approvalsRequired: 1, cacheTtlMs: 60_000, now: () => clock });
    await policy.isApprover({ aadObjectId: MEMBER });
    clock = 59_999;
    await policy.isApprover({ aadObjectId: MEMBER });
    expect(graph.calls).toHaveLength(1);
    clock = 60_000;
    await policy.isApprover({ aadObjectId: MEMBER });
    expect(graph.calls).toHaveLength(2);
  });

  it('shares one lookup between concurrent checks', async () => {
    const graph = directory([MEMBER]);
    const policy = createApprovalPolicy({ approverIds: [], approverGroupId: GROUP_ID, checkMemberGroups: graph.check, approvalsRequired: 1 });
    const answers = await Promise.all([1, 2, 3].map(() => policy.isApprover({ aadObjectId: MEMBER })));
    expect(answers).toEqual([true, true, true]);
    expect(graph.calls).toHaveLength(1);
  });

  it('fails closed on a Graph error, logs it and retries later', async () => {
    const { lines, logger } = collectingLogger();
    const graph = directory([MEMBER], Object.assign(new Error('Service unavailable'), { statusCode: 503 }));
    const policy = createApprovalPolicy({ approverIds: [], approverGroupId: GROUP_ID, checkMemberGroups: graph.check, approvalsRequired: 1, logger });
    expect(await policy.isApprover({ aadObjectId: MEMBER })).toBe(false);
    expect(await policy.isApprover({ aadObjectId: MEMBER })).toBe(false);
    expect(graph.calls).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40, userId: MEMBER, groupId: GROUP_ID });
  });

  it('asks again after a synchronous throw', async () => {
    let calls = 0;
    const flaky: CheckMemberGroups = (_userId, groupIds) => {
      calls += 1;
      if (calls === 1) throw new Error('not configured');
      return Promise.resolve(groupIds);
    };
    const policy = createApprovalPolicy({ approverIds: [], approverGroupId: GROUP_ID, checkMemberGroups: flaky, approvalsRequired: 1 });
    expect(await policy.isApprover({ aadObjectId: MEMBER })).toBe(false);
    expect(await policy.isApprover({ aadObjectId: MEMBER })).toBe(true);
  });

  it('requires at least one approval', () => {
    const policy = createApprovalPolicy({ approverIds: [], checkMemberGroups: directory([]).check, approvalsRequired: 0 });
    expect(policy.approvalsRequired).toBe(1);
  });
});
