import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADELE_VANCE_ID, BRITTA_SIMON_ID, CHRIS_GREEN_ID, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID } from '../../src/tenant-emulator/index.js';
import { mentionText } from '../support/activities.js';
import { actionData, alexPersonalChat, cardText, channel, groupChat, people, type Place } from '../flow/support/flow-harness.js';
import { OTHER_BRITTA_ID } from './support/users-harness.js';
import { ask, assignmentsOf, press, startUserWorld, waitForUpdate, type UserWorld } from './support/user-flow.js';

let users: UserWorld;
beforeEach(async () => {
  users = await startUserWorld();
});
afterEach(async () => {
  await users.close();
});

/** Submits as Alex, approves as Megan and waits for the card to show the run ended with `marker`. */
async function submitAndApprove(card: Record<string, unknown>, cardActivityId: string, place: Place, marker = 'Done') {
  const submitted = await press(users, card, 'request.submit', people.alex, place);
  expect(submitted.card).toBeDefined();
  expect(cardText(submitted.card)).toContain('Waiting for approval');

  const approved = await press(users, submitted.card!, 'request.approve', people.megan, place);
  expect(approved.status).toBe(200);
  return waitForUpdate(users, cardActivityId, marker);
}

describe('assign command', () => {
  it('assigns by display name after approval', async () => {
    const reply = await ask(users, 'assign Zoë Ferreira', people.alex, alexPersonalChat);

    expect(reply.text).toContain('Assign users to GoToMeeting');
    expect(reply.text).toContain('Zoë Ferreira');
    expect(reply.text).toContain('zoe.ferreira@contoso.example');
    expect(reply.text).toContain('the role User');
    await submitAndApprove(reply.card!, reply.operation.activityId!, alexPersonalChat);

    expect(assignmentsOf(users, ZOE_FERREIRA_ID).map((assignment) => assignment.appRoleId)).toEqual([users.app.userRoleId]);
  });

  it('assigns by UPN with an apostrophe in a group chat', async () => {
    const reply = await ask(users, "assign sean.o'brien@contoso.example to GoToMeeting", people.alex, groupChat);

    expect(reply.text).toContain("Sean O'Brien");
    await submitAndApprove(reply.card!, reply.operation.activityId!, groupChat);

    expect(assignmentsOf(users, SEAN_OBRIEN_ID)).toHaveLength(1);
  });

  it('assigns an @mentioned person in a channel by object id', async () => {
    const adele = { ...people.adele, name: 'Someone Else Entirely' };
    const reply = await ask(users, `assign ${mentionText(adele)}`, people.alex, { ...channel, mentions: [adele] } as Place);

    expect(reply.text).toContain('Adele Vance');
    expect(reply.text).not.toContain('Someone Else Entirely');
    await submitAndApprove(reply.card!, reply.operation.activityId!, channel);

    expect(assignmentsOf(users, ADELE_VANCE_ID)).toHaveLength(1);
  });

  it('rejects approval by the requester', async () => {
    const reply = await ask(users, 'assign Zoë Ferreira', people.alex, alexPersonalChat);
    const submitted = await press(users, reply.card!, 'request.submit', people.alex, alexPersonalChat);

    const selfApproved = await press(users, submitted.card!, 'request.approve', people.alex, alexPersonalChat);

    expect(cardText(selfApproved.card)).toMatch(/Another approver has to decide/);
    expect(assignmentsOf(users, ZOE_FERREIRA_ID)).toEqual([]);
  });

  it('says when a user already has access', async () => {
    const assignment = await users.app.gateway.addAppRoleAssignment(users.app.servicePrincipal.id!, { principalId: ZOE_FERREIRA_ID, appRoleId: users.app.userRoleId });

    const reply = await ask(users, 'assign zoe.ferreira@contoso.example', people.alex, alexPersonalChat);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain(`has had access to GoToMeeting since ${assignment.createdDateTime!.slice(0, 16).replace('T', ' ')} UTC`);
    expect(reply.text).toContain('not who made it');
  });
});

describe('assign with a choice', () => {
  it('lists two matches and requests nothing until a pick', async () => {
    const reply = await ask(users, 'assign Britta Simon', people.alex, alexPersonalChat);

    expect(reply.text).toContain('Several people match "Britta Simon". Pick one:');
    expect(actionData(reply.card, 'request.submit')).toBeUndefined();
    const pickData = actionData(reply.card, 'assign.pick')!;

    const byMegan = await press(users, reply.card!, 'assign.pick', people.megan, alexPersonalChat, { userId: OTHER_BRITTA_ID });
    expect(byMegan.card ? cardText(byMegan.card) : byMegan.message).toMatch(/Only Alex Wilber/);

    const stranger = await press(users, reply.card!, 'assign.pick', people.alex, alexPersonalChat, { userId: ZOE_FERREIRA_ID });
    expect(stranger.card ? cardText(stranger.card) : stranger.message).toMatch(/not one of the users offered/);

    const picked = await press(users, reply.card!, 'assign.pick', people.alex, alexPersonalChat, { userId: OTHER_BRITTA_ID });
    expect(cardText(picked.card)).toContain('brittas@example.com');
    expect(pickData.requestId).toBe(actionData(picked.card, 'request.submit')?.requestId);

    await submitAndApprove(picked.card!, reply.operation.activityId!, alexPersonalChat);
    expect(assignmentsOf(users, OTHER_BRITTA_ID)).toHaveLength(1);
    expect(assignmentsOf(users, BRITTA_SIMON_ID)).toEqual([]);
  });

  it('rejects a pick from another conversation', async () => {
    const reply = await ask(users, 'assign Britta Simon', people.alex, alexPersonalChat);
    const before = users.world.emulator.requestLog().length;

    const elsewhere = await press(users, reply.card!, 'assign.pick', people.megan, groupChat, { userId: OTHER_BRITTA_ID });

    expect(elsewhere.card).toBeUndefined();
    expect(elsewhere.message).toContain('belongs to another conversation');
    expect(users.world.emulator.requestLog().slice(before)).toEqual([]);
  });

  it('marks and refuses a pick who already has access', async () => {
    const assignment = await users.app.gateway.addAppRoleAssignment(users.app.servicePrincipal.id!, { principalId: BRITTA_SIMON_ID, appRoleId: users.app.userRoleId });
    const since = `${assignment.createdDateTime!.slice(0, 16).replace('T', ' ')} UTC`;

    const reply = await ask(users, 'assign Britta Simon', people.alex, alexPersonalChat);
    expect(reply.text).toContain(`britta.simon@contoso.example · has access since ${since}`);

    const picked = await press(users, reply.card!, 'assign.pick', people.alex, alexPersonalChat, { userId: BRITTA_SIMON_ID });

    const text = cardText(picked.card);
    expect(text).toContain(`has had access to GoToMeeting since ${since}`);
    expect(text).toContain('Nothing was requested');
    expect(text).not.toContain('Cancelled');
    expect(text).not.toContain('0 users');
    expect(actionData(picked.card, 'assign.pick')).toBeDefined();
    expect(assignmentsOf(users, BRITTA_SIMON_ID)).toHaveLength(1);
  });

  it('offers to create B.Simon with close matches', async () => {
    const reply = await ask(users, 'assign B.Simon', people.alex, alexPersonalChat);

    expect(reply.text).toContain('No user matches "B.Simon"');
    expect(JSON.stringify(reply.card)).toContain('Britta Simon');
    expect(JSON.stringify(reply.card)).toContain('Brian Simon');
    expect(actionData(reply.card, 'user.create-offer')).toBeDefined();

    const offered = await press(users, reply.card!, 'user.create-offer', people.alex, alexPersonalChat);

    expect(cardText(offered.card)).toContain('Create a test user for GoToMeeting');
    expect(cardText(offered.card)).toContain('B.Simon@contoso.example');

    await submitAndApprove(offered.card!, reply.operation.activityId!, alexPersonalChat);
    const user = [...users.world.emulator.state.users.values()].find((candidate) => candidate.userPrincipalName === 'B.Simon@contoso.example');
    expect(user).toBeDefined();
    expect(assignmentsOf(users, user!.id as string)).toHaveLength(1);
  });

  it('creates the stored test user, not the clicked name', async () => {
    const reply = await ask(users, 'assign B.Simon', people.alex, alexPersonalChat);

    const offered = await press(users, reply.card!, 'user.create-offer', people.alex, alexPersonalChat, { name: 'Evil.Admin' });

    expect(cardText(offered.card)).toContain('B.Simon@contoso.example');
    expect(cardText(offered.card)).not.toContain('Evil.Admin');
  });

  it('leaves a mention without an object id unresolved', async () => {
    // The connector stand-in has no roster, so the member lookup finds nobody.
    const stranger = { id: '29:no-object-id', name: 'Britta [Simon](https://example.com/x)' };
    const reply = await ask(users, `assign ${mentionText(stranger)}`, people.alex, { ...channel, mentions: [stranger] } as Place);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('carries no Microsoft Entra object id');
    expect(reply.text).toContain('Nothing was requested');
    expect(reply.operation.activity.textFormat).toBe('plain');
  });

  it('rejects a mention whose object id is a UPN', async () => {
    const spoofed = { id: '29:sean', name: "Sean O'Brien", aadObjectId: "sean.o'brien@contoso.example" };
    users.world.emulator.clearRequestLog();

    const reply = await ask(users, `assign ${mentionText(spoofed)}`, people.alex, { ...channel, mentions: [spoofed] } as Place);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('invalid Microsoft Entra object id (not a GUID)');
    expect(users.world.emulator.requestLog().filter((entry) => entry.path.startsWith('/users/'))).toEqual([]);
  });

  it('says plainly when nothing matches', async () => {
    const reply = await ask(users, 'assign Quentin Nobody', people.alex, alexPersonalChat);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('No user matches "Quentin Nobody"');
    expect(reply.operation.activity.textFormat).toBe('plain');
  });
});

describe('several users', () => {
  it("reports each user's result when one fails", async () => {
    const reply = await ask(users, "assign Zoë Ferreira, Sean O'Brien and chris.green+sso@contoso.example", people.alex, groupChat);
    expect(reply.text).toContain('3 users will get the role User');
    users.world.emulator.setFaults([{ method: 'POST', path: '/servicePrincipals/*/appRoleAssignedTo', kind: 'status', status: 503, nth: 2 }]);

    const failed = await submitAndApprove(reply.card!, reply.operation.activityId!, groupChat, 'Failed');

    const text = cardText(failed.activity.attachments ? (failed.activity.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content : undefined);
    expect(text).toContain('1 of 3 users failed; the other results stand.');
    const assigned = [ZOE_FERREIRA_ID, SEAN_OBRIEN_ID, CHRIS_GREEN_ID].filter((id) => assignmentsOf(users, id).length === 1);
    expect(assigned).toHaveLength(2);
  });

  it('rejects more than 20 users before any lookup', async () => {
    const names = Array.from({ length: 21 }, (_, index) => `user${index + 1}@contoso.example`).join(', ');
    const before = users.world.emulator.requestLog().length;

    const reply = await ask(users, `assign ${names}`, people.alex, groupChat);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('at most 20 users, not 21');
    expect(users.world.emulator.requestLog().slice(before).filter((entry) => entry.path.startsWith('/users'))).toEqual([]);
  });
});

describe('unassign command', () => {
  it('removes the assignment after approval', async () => {
    await users.app.gateway.addAppRoleAssignment(users.app.servicePrincipal.id!, { principalId: SEAN_OBRIEN_ID, appRoleId: users.app.userRoleId });

    const reply = await ask(users, "unassign Sean O'Brien from GoToMeeting", people.alex, alexPersonalChat);

    expect(reply.text).toContain('Remove users from GoToMeeting');
    await submitAndApprove(reply.card!, reply.operation.activityId!, alexPersonalChat);
    expect(assignmentsOf(users, SEAN_OBRIEN_ID)).toEqual([]);
  });

  it('says when the user is not assigned', async () => {
    const reply = await ask(users, 'unassign Zoë Ferreira', people.alex, alexPersonalChat);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('is not assigned to GoToMeeting');
  });
});
