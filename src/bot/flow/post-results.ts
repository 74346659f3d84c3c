import type { Attachment, ConversationReference } from 'botbuilder';
import type { Logger } from '../../logging/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import type { FlowContext } from './flow-context.js';
import { withConnectorRetry } from './connector-retry.js';
import { certificateAttachment, checklistAttachment, setupValuesAttachment } from './result-cards.js';

type ResultIds = NonNullable<ChangeRequest['resultActivityIds']>;

/**
 * Posts the results of a succeeded request as three separate messages, so
 * the request card above them can still be updated: the signing
 * certificate, the set-up values and the checklist. The checklist document
 * is created before its card is posted, so no tick can race its creation.
 */
export async function postResults(context: FlowContext, request: ChangeRequest, logger: Logger): Promise<void> {
  const reference = request.conversation as Partial<ConversationReference>;
  const ids: ResultIds = {};

  const certificate = certificateAttachment(request, context.certificateLink(request.id));
  const certificateMessage = certificate ?? 'The active signing certificate did not change, so no new certificate was made. Type `certificate` to see the latest one.';
  ids.certificate = await sendLogged(context, reference, certificateMessage, logger, 'certificate');

  const values = setupValuesAttachment(request);
  if (values) ids.setupValues = await sendLogged(context, reference, values, logger, 'set-up values');

  const checklist = await context.store.checklists.create(request);
  ids.checklist = await sendLogged(context, reference, checklistAttachment(request, checklist), logger, 'checklist');

  await context.store.update(request.id, (current) => ({ ...current, resultActivityIds: { ...current.resultActivityIds, ...ids } }));
  logger.info({ resultActivityIds: ids }, 'posted the results of the request');
}

async function sendLogged(
  context: FlowContext,
  reference: Partial<ConversationReference>,
  message: Attachment | string,
  logger: Logger,
  resultName: string,
): Promise<string | undefined> {
  try {
    return await withConnectorRetry(() => context.messenger.send(reference, message), {
      attempts: 3,
      initialDelayMs: 1000,
      onRetry: (error, attempt) => logger.warn({ err: error, result: resultName, attempt }, 'failed to post a result message, retrying'),
    });
  } catch (error) {
    logger.error({ err: error, result: resultName }, 'failed to post a result message');
    return undefined;
  }
}
