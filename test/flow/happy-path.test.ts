import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ACTIVITY_BYTES, measureActivityBytes } from '../../src/cards/index.js';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { cardProblems } from '../cards/card-rules.js';
import {
  actionData,
  allActionData,
  alexPersonalChat,
  cardIn,
  cardText,
  channel,
  click,
  groupChat,
  people,
  startWorld,
  waitForCard,
  webinarRelayState,
  type Card,
  type FlowWorld,
  type Place,
} from './support/flow-harness.js';
import { approveCard, askForSetup, cardUpdates, submitRequest, waitForCardUpdate, waitForResults } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

function goToMeetingObjects(current: FlowWorld) {
  const application = [...current.emulator.state.applications.values()].find((candidate) =>
    (candidate.identifierUris as string[] | undefined)?.includes(goToMeetingProfile.identifierUri),
  );
  const servicePrincipal = [...current.emulator.state.servicePrincipals.values()].find((candidate) => candidate.appId === application?.appId);
  return { application, servicePrincipal };
}

describe.each<[string, Place]>([
  ['channel', channel],
  ['group chat', groupChat],
  ['personal chat', alexPersonalChat],
])('set-up in a %s', (_name, place) => {
  it('runs from request to certificate and checklist', async () => {
    world = await startWorld();
    const bot = await world.startBot();

    const posted = await askForSetup(world, bot, people.alex, place);
    expect(cardText(posted.card)).toContain('Set up GoToMeeting SSO');
    expect(cardText(posted.card)).toContain('Draft');

    const submitted = await submitRequest(world, bot, posted, people.alex, place, { relayState: webinarRelayState });
    expect(submitted.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(submitted.card)).toContain('Waiting for approval');
    expect(cardText(submitted.card)).toContain('Requested by Alex Wilber');
    expect(cardText(submitted.card)).toContain('Approvers: Megan Bowen');
    expect(cardText(submitted.card)).not.toContain('Alex Wilber and Megan Bowen');
    expect(cardText(submitted.card)).toContain('GoToWebinar (https://');
    const pendingUpdate = await waitForCardUpdate(world, posted, 'Waiting for approval');
    expect(actionData(cardIn(pendingUpdate), 'request.approve')).toMatchObject({ requestId: posted.requestId, round: 1 });

    const approved = await approveCard(world, bot, submitted.card!, people.megan, place, { comment: 'Looks right' });
    expect(approved.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(approved.card)).toContain('Approved by Megan Bowen — running');
    expect(cardText(approved.card)).toContain('Approval comments: Megan Bowen: Looks right');

    await waitForCardUpdate(world, posted, 'Done. Approved by Megan Bowen');
    const results = await waitForResults(world);
    const updates = cardUpdates(world, posted).map(cardText);
    expect(updates.some((text) => text.includes('▶️ running'))).toBe(true);
    expect(updates.some((text) => text.includes('✅ succeeded'))).toBe(true);

    const certificateText = cardText(cardIn(results.certificate));
    const thumbprint = /Thumbprint\n([0-9A-F]{40})/.exec(certificateText)?.[1];
    expect(thumbprint).toBeDefined();
    expect(certificateText).toContain('-----BEGIN CERTIFICATE-----');
    expect(cardText(cardIn(results.values))).toContain('Microsoft Entra Identifier');

    const { application, servicePrincipal } = goToMeetingObjects(world);
    expect(application?.web).toMatchObject({ redirectUris: [goToMeetingProfile.replyUrl] });
    expect(servicePrincipal?.preferredSingleSignOnMode).toBe('saml');
    expect(servicePrincipal?.loginUrl ?? null).toBeNull();
    expect(servicePrincipal?.samlSingleSignOnSettings).toMatchObject({ relayState: webinarRelayState });
    expect(servicePrincipal?.preferredTokenSigningKeyThumbprint).toBe(thumbprint);

    const checklistCard = cardIn(results.checklist);
    const toggles = allActionData(checklistCard, 'checklist.toggle');
    expect(toggles.length).toBeGreaterThan(2);
    const ticked = await click(world, bot, 'checklist.toggle', toggles[0]!, people.adele, place);
    expect(cardText(ticked.card)).toContain('Done by Adele Vance');
    const checklistUpdate = await waitForCard(world, 'Done by Adele Vance', { type: 'update', activityId: results.checklist.activityId! });
    expect(cardText(cardIn(checklistUpdate))).toContain('1 of');

    const sentCards = world.connector.sent.flatMap((operation): Card[] => {
      const card = cardIn(operation);
      return card ? [card] : [];
    });
    for (const card of [...sentCards, submitted.card!, approved.card!, ticked.card!]) {
      expect(cardProblems(card), cardText(card).slice(0, 80)).toEqual([]);
      expect(measureActivityBytes(card)).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
    }
  });
});
