import { CardFactory, type Attachment } from 'botbuilder';
import { buildCertificateCard, buildChecklistCard, buildSetupValuesCard, type ChecklistItemView } from '../../cards/index.js';
import type { ChangeRequest, ChecklistState } from '../../requests/types.js';
import { defaultTestUserName } from '../../sso/index.js';
import type { CertificateLink } from './flow-context.js';
import { profileOf, setupParameters } from './request-card.js';

// The profile item for the test sign-in, which carries the user access link.
const TEST_ITEM_ID = 'test-from-my-apps';

/** Builds the certificate card of a succeeded request, or undefined when its run made no certificate. */
export function certificateAttachment(request: ChangeRequest, link: CertificateLink): Attachment | undefined {
  const certificate = request.result?.certificate;
  if (!certificate) return undefined;
  const card = buildCertificateCard({
    appName: profileOf(request).displayName,
    certificate,
    downloadUrl: link.url,
    downloadExpiresAt: link.expiresAt,
  });
  return CardFactory.adaptiveCard(card);
}

export function setupValuesAttachment(request: ChangeRequest): Attachment | undefined {
  const values = request.result?.setupValues;
  if (!values) return undefined;
  return CardFactory.adaptiveCard(buildSetupValuesCard({ appName: profileOf(request).displayName, values }));
}

/** Lists the checklist items of a request: the profile's vendor steps, with the user access link on the test step. */
export function checklistItems(request: ChangeRequest, state: ChecklistState | undefined): ChecklistItemView[] {
  const profile = profileOf(request);
  const accessUrl = request.result?.setupValues?.userAccessUrl;
  const testUser = setupParameters(request).createTestUser ? (request.plan.choices.testUserName as string | undefined) ?? defaultTestUserName : undefined;

  return profile.vendorChecklist.map((item) => {
    const view: ChecklistItemView = { id: item.id, title: item.text, ...(item.informational ? { informational: true } : {}) };
    if (item.id === TEST_ITEM_ID) {
      if (accessUrl) view.link = accessUrl;
      view.detail = testUser ? `Test as ${testUser}, or any assigned user, with the user access link below.` : 'Test with any assigned user and the user access link below.';
    }
    const done = state?.items[item.id];
    if (done?.done) view.done = { by: done.by, at: done.at };
    return view;
  });
}

export function checklistAttachment(request: ChangeRequest, state: ChecklistState | undefined): Attachment {
  const card = buildChecklistCard({ requestId: request.id, appName: profileOf(request).displayName, items: checklistItems(request, state) });
  return CardFactory.adaptiveCard(card);
}
