import { afterEach, describe, expect, it } from 'vitest';
import { actionData, cardIn, cardText, channel, click, people, say, startWorld, waitForCard, type FlowWorld } from '../flow/support/flow-harness.js';
import { cardProblems } from '../cards/card-rules.js';
import type { TestBot } from '../support/bot-server.js';
import { approveCard, waitForCardUpdate, type PostedRequest } from '../flow/support/flow-steps.js';
import {
  activeThumbprint,
  goToMeetingServicePrincipal,
  askForRotation,
  matchesEmulatorKey,
  pemOf,
  setUpGoToMeeting,
  submitRotation,
  thumbprintOf,
  verifyThumbprints,
  waitForRotationCertificate,
} from './rotation-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Rotates in add-only mode (Alex requests, Megan approves) and opens the activation request as Adele. */
async function rotateThenOpenActivation(current: FlowWorld, bot: TestBot): Promise<{ second: string; activation: PostedRequest }> {
  const rotation = await askForRotation(current, bot);
  const submitted = await submitRotation(current, bot, rotation, people.alex, 'add-only');
  await approveCard(current, bot, submitted.card!, people.megan, channel);
  const certificateCard = await waitForRotationCertificate(current, 'opens a change request');
  const second = thumbprintOf(pemOf(certificateCard));

  await click(current, bot, 'certificate.activate', actionData(certificateCard, 'certificate.activate')!, people.adele, channel);
  const activationPost = await waitForCard(current, `Make the certificate ${second} active`);
  const card = cardIn(activationPost)!;
  return { second, activation: { requestId: String(actionData(card, 'request.cancel')?.requestId), cardActivityId: activationPost.activityId!, card } };
}

describe('rotate certificate', () => {
  it('adds an inactive certificate, then activates it after approval', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await setUpGoToMeeting(world, bot);

    const rotation = await askForRotation(world, bot);
    const draftText = cardText(rotation.card);
    expect(draftText).toContain('Rotate the GoToMeeting signing certificate');
    expect(draftText).toContain(`Active certificate now: ${first}`);
    expect(draftText).toMatch(/days left/);
    expect(JSON.stringify(rotation.card)).toContain('"id":"rotationMode"');

    const submitted = await submitRotation(world, bot, rotation, people.alex, 'add-only');
    expect(cardText(submitted.card)).toContain('Waiting for approval');
    await approveCard(world, bot, submitted.card!, people.megan, channel);
    await waitForCardUpdate(world, rotation, 'Done.');

    const certificateCard = await waitForRotationCertificate(world, 'opens a change request');
    const pem = pemOf(certificateCard);
    const second = thumbprintOf(pem);
    expect(second).not.toBe(first);
    expect(cardText(certificateCard)).toContain(second);
    expect(matchesEmulatorKey(world, pem, second)).toBe(true);
    expect(verifyThumbprints(world)).toEqual(expect.arrayContaining([first, second]));
    expect(activeThumbprint(world)).toBe(first);

    const activateData = actionData(certificateCard, 'certificate.activate');
    expect(activateData).toEqual({ requestId: rotation.requestId });
    const opened = await click(world, bot, 'certificate.activate', activateData!, people.adele, channel);
    expect(opened.message).toMatch(/^Opened CR-/);

    for (const card of [rotation.card, submitted.card!, certificateCard]) {
      expect(cardProblems(card), cardText(card).slice(0, 80)).toEqual([]);
    }

    const activationPost = await waitForCard(world, `Make the certificate ${second} active`);
    const activationCard = cardIn(activationPost)!;
    const activation: PostedRequest = {
      requestId: String(actionData(activationCard, 'request.cancel')?.requestId),
      cardActivityId: activationPost.activityId!,
      card: activationCard,
    };
    expect(JSON.stringify(activationCard)).not.toContain('"id":"rotationMode"');
    expect(activeThumbprint(world)).toBe(first);

    const pending = await submitRotation(world, bot, activation, people.adele);
    expect(cardText(pending.card)).toContain('Waiting for approval');
    await approveCard(world, bot, pending.card!, people.megan, channel);
    await waitForCardUpdate(world, activation, 'Done.');
    await world.connector.waitFor((operation) => String(operation.activity.text ?? '').includes(`the certificate ${second} is now active`));
    expect(activeThumbprint(world)).toBe(second);
  });

  it('adds and activates in one request when chosen', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await setUpGoToMeeting(world, bot);

    const rotation = await askForRotation(world, bot);
    const submitted = await submitRotation(world, bot, rotation, people.alex, 'add-and-activate');
    expect(cardText(submitted.card)).toContain('Make the new certificate active at once');
    await approveCard(world, bot, submitted.card!, people.megan, channel);
    await waitForCardUpdate(world, rotation, 'Done.');

    const certificateCard = await waitForRotationCertificate(world, 'This certificate is active now');
    const second = thumbprintOf(pemOf(certificateCard));
    expect(second).not.toBe(first);
    expect(activeThumbprint(world)).toBe(second);
    expect(actionData(certificateCard, 'certificate.activate')).toBeUndefined();

    // A forged Activate click for this request opens nothing, because its certificate is already active.
    const before = world.connector.sent.length;
    const forged = await click(world, bot, 'certificate.activate', { requestId: rotation.requestId }, people.adele, channel);
    expect(forged.message).toBe(`${rotation.requestId} made no inactive certificate to activate, so nothing changed.`);
    expect(world.connector.sent.slice(before).filter((operation) => cardIn(operation) !== undefined)).toHaveLength(0);
  });

  it('rejects an app not set up', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const before = world.connector.sent.length;

    await say(world, bot, 'rotate certificate for GoToMeeting', people.alex, channel);
    const reply = await world.connector.waitFor((operation) => String(operation.activity.text ?? '').includes('is not set up in this tenant yet'));
    expect(String(reply.activity.text)).toContain('set up GoToMeeting SSO');
    const cards = world.connector.sent.slice(before).filter((operation) => cardIn(operation) !== undefined);
    expect(cards).toHaveLength(0);
  });

  it('rejects self-approval by the requester', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await setUpGoToMeeting(world, bot);

    const rotation = await askForRotation(world, bot);
    const submitted = await submitRotation(world, bot, rotation, people.alex, 'add-and-activate');
    const refused = await approveCard(world, bot, submitted.card!, people.alex, channel);
    expect(cardText(refused.card)).toContain('The requester cannot approve their own change request');
    expect(cardText(refused.card)).toContain('Waiting for approval');
    expect(verifyThumbprints(world)).toEqual([first]);
    expect(activeThumbprint(world)).toBe(first);
  });

  it('binds the approval to the chosen mode', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await setUpGoToMeeting(world, bot);

    const rotation = await askForRotation(world, bot);
    const addOnly = await submitRotation(world, bot, rotation, people.alex, 'add-only');
    const addOnlyHash = actionData(addOnly.card, 'request.approve')?.planHash;

    const other = await askForRotation(world, bot);
    const activating = await submitRotation(world, bot, other, people.alex, 'add-and-activate');
    const activatingHash = actionData(activating.card, 'request.approve')?.planHash;
    expect(activatingHash).not.toBe(addOnlyHash);

    // Changing the mode after submission does not change the plan that waits for approval.
    const resubmitted = await submitRotation(world, bot, rotation, people.alex, 'add-and-activate');
    expect(actionData(resubmitted.card, 'request.approve')?.planHash).toBe(addOnlyHash);

    const data = { ...actionData(addOnly.card, 'request.approve'), planHash: activatingHash };
    const refused = await click(world, bot, 'request.approve', data, people.megan, channel);
    expect(cardText(refused.card)).toContain('Waiting for approval');
    expect(verifyThumbprints(world)).toEqual([first]);
  });

  it('checks the key again before activating', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await setUpGoToMeeting(world, bot);
    const { second, activation } = await rotateThenOpenActivation(world, bot);
    const pending = await submitRotation(world, bot, activation, people.adele);
    expect(cardText(pending.card)).toContain('Waiting for approval');

    // The key expires between submission and approval.
    const keys = goToMeetingServicePrincipal(world).keyCredentials as Array<{ customKeyIdentifier?: string; endDateTime?: string }>;
    for (const key of keys) {
      if (Buffer.from(key.customKeyIdentifier ?? '', 'base64').toString('hex').toUpperCase() === second) key.endDateTime = '2020-01-01T00:00:00Z';
    }

    await approveCard(world, bot, pending.card!, people.megan, channel);
    const failed = await waitForCardUpdate(world, activation, 'expired on 2020-01-01');
    expect(cardText(cardIn(failed))).toContain('so it cannot be made active');
    expect(activeThumbprint(world)).toBe(first);
  });
});
