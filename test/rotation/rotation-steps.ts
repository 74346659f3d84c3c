// Steps of the rotation conversation: a finished set-up to rotate, the
// rotation card, and the certificate that the emulator's service principal
// holds.

import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { goToMeetingProfile } from '../../src/sso/index.js';
import type { TestPerson } from '../support/activities.js';
import type { TestBot } from '../support/bot-server.js';
import { actionData, cardIn, cardText, channel, click, people, waitForCard, type Card, type ClickAnswer, type FlowWorld } from '../flow/support/flow-harness.js';
import { approveCard, askForSetup, submitRequest, waitForCardUpdate, waitForResults, type PostedRequest } from '../flow/support/flow-steps.js';

const meetingRelayState = 'https://global.gotomeeting.com';

/** Returns the emulator's GoToMeeting service principal. */
export function goToMeetingServicePrincipal(world: FlowWorld): Record<string, unknown> {
  const application = [...world.emulator.state.applications.values()].find((candidate) =>
    (candidate.identifierUris as string[] | undefined)?.includes(goToMeetingProfile.identifierUri),
  );
  const servicePrincipal = [...world.emulator.state.servicePrincipals.values()].find((candidate) => candidate.appId === application?.appId);
  if (!servicePrincipal) throw new Error('The emulator has no GoToMeeting service principal.');
  return servicePrincipal as Record<string, unknown>;
}

/** Returns the uppercase thumbprints of the service principal's Verify keys. */
export function verifyThumbprints(world: FlowWorld): string[] {
  const keys = (goToMeetingServicePrincipal(world).keyCredentials as Array<{ usage?: string; customKeyIdentifier?: string }>) ?? [];
  return keys.filter((key) => key.usage === 'Verify' && key.customKeyIdentifier).map((key) => Buffer.from(key.customKeyIdentifier!, 'base64').toString('hex').toUpperCase());
}

export function activeThumbprint(world: FlowWorld): string | undefined {
  return (goToMeetingServicePrincipal(world).preferredTokenSigningKeyThumbprint as string | null) ?? undefined;
}

/** Runs a whole set-up (Alex requests it, Megan approves it) and returns the first certificate's thumbprint. */
export async function setUpGoToMeeting(world: FlowWorld, bot: TestBot): Promise<string> {
  const posted = await askForSetup(world, bot, people.alex, channel);
  const submitted = await submitRequest(world, bot, posted, people.alex, channel, { relayState: meetingRelayState });
  await approveCard(world, bot, submitted.card!, people.megan, channel);
  await waitForCardUpdate(world, posted, 'Done.');
  const results = await waitForResults(world);
  return thumbprintOf(pemOf(cardIn(results.certificate)!));
}

/** Asks for a rotation and returns the draft card. */
export function askForRotation(world: FlowWorld, bot: TestBot, from: TestPerson = people.alex): Promise<PostedRequest> {
  return askForSetup(world, bot, from, channel, 'rotate certificate');
}

/** Clicks "Submit for approval" on a rotation card, with the mode input as Teams sends it. */
export function submitRotation(world: FlowWorld, bot: TestBot, posted: PostedRequest, from: TestPerson, rotationMode?: string): Promise<ClickAnswer> {
  const data = { ...actionData(posted.card, 'request.submit'), ...(rotationMode ? { rotationMode } : {}) };
  return click(world, bot, 'request.submit', data, from, channel, { replyToId: posted.cardActivityId });
}

/** Waits for the certificate card a rotation posted, found by its next-steps text. */
export async function waitForRotationCertificate(world: FlowWorld, marker: string): Promise<Card> {
  const operation = await waitForCard(world, marker, { type: 'send' });
  return cardIn(operation)!;
}

/** Returns the PEM text a certificate card shows, with the card's paragraph breaks undone. */
export function pemOf(card: Card): string {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(cardText(card));
  if (!match) throw new Error('The card shows no PEM certificate.');
  return `${match[0].split(/\n+/).join('\n')}\n`;
}

/** True when the PEM's public key is the public half of the emulator's private key for `thumbprint`. */
export function matchesEmulatorKey(world: FlowWorld, pem: string, thumbprint: string): boolean {
  const privateKey = world.emulator.signingKeyFor(thumbprint);
  if (!privateKey) return false;
  const certificate = new X509Certificate(pem);
  const fromCertificate = certificate.publicKey.export({ type: 'spki', format: 'der' });
  const fromPrivate = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return fromCertificate.equals(fromPrivate);
}

/** Uppercase hex SHA-1 of the PEM's DER bytes, the X.509 thumbprint. */
export function thumbprintOf(pem: string): string {
  return createHash('sha1').update(new X509Certificate(pem).raw).digest('hex').toUpperCase();
}
