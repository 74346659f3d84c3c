import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { cardIn, cardText, channel, meetingRelayState, people, say, startWorld, waitForCard, type FlowWorld } from './support/flow-harness.js';
import { approveCard, askForSetup, submitRequest, waitForCardUpdate, waitForResults } from './support/flow-steps.js';

let world: FlowWorld | undefined;
let azurite: Azurite | undefined;

afterEach(async () => {
  await world?.close();
  await azurite?.close();
  world = undefined;
  azurite = undefined;
});

describe('two instances on one Azure Blob container', () => {
  it('run the plan once and lose nothing when one restarts', async () => {
    azurite = await startAzurite();
    world = await startWorld();
    const env = { STATE_STORE: `azure-blob://flow-${randomUUID()}`, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString };
    const first = await world.startBot({ env });
    const second = await world.startBot({ env });

    const posted = await askForSetup(world, first, people.alex, channel);
    const submitted = await submitRequest(world, second, posted, people.alex, channel, { relayState: meetingRelayState });
    expect(cardText(submitted.card)).toContain('Waiting for approval');

    const answers = await Promise.all([
      approveCard(world, first, submitted.card!, people.megan, channel, { id: 'same-click' }),
      approveCard(world, second, submitted.card!, people.megan, channel, { id: 'same-click' }),
    ]);
    for (const answer of answers) expect(cardText(answer.card)).toContain('Approved by Megan Bowen');
    await waitForCardUpdate(world, posted, 'Done.');
    await waitForResults(world);

    const instantiated = world.emulator.requestLog().filter((entry) => entry.method === 'POST' && entry.path.includes('/instantiate'));
    expect(instantiated).toHaveLength(1);
    const applications = [...world.emulator.state.applications.values()].filter((application) => application.displayName === goToMeetingProfile.instanceDisplayName);
    expect(applications).toHaveLength(1);

    await first.close();
    const third = await world.startBot({ env });
    await say(world, third, 'requests', people.patti, channel);
    const list = await waitForCard(world, 'Open and recent requests');
    expect(cardText(cardIn(list))).toContain(posted.requestId);
    expect(cardText(cardIn(list))).toContain('Done');
    await say(world, third, 'certificate', people.patti, channel);
    await waitForCard(world, 'Certificate (Base64)', { type: 'reply' });
  });
});
