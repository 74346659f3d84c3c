import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePlaygroundConfig, type PlaygroundConfig } from '../../scripts/playground-config.js';
import { startPlayground } from '../../scripts/playground.js';
import { startUserPage, type RunningUserPage } from '../../scripts/playground-user-page.js';

/** The Agents Playground for one test file, with its config and log in a temporary directory. */
export interface TestPlayground {
  url: string;
  logPath: string;
  /** Serves the Playground page as another configured member (`user-id-N`). */
  pageAs(userId: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestPlayground(botEndpoint: string, config: PlaygroundConfig): Promise<TestPlayground> {
  const directory = await mkdtemp(join(tmpdir(), 'sso-bot-playground-'));
  const configPath = join(directory, '.m365agentsplayground.yml');
  const logPath = join(directory, 'playground.log');
  await writePlaygroundConfig(configPath, config);

  const playground = await startPlayground({ botEndpoint, configPath, logPath, port: 0, startTimeoutMs: 30_000 });
  const userPages: RunningUserPage[] = [];

  return {
    url: playground.url,
    logPath,
    pageAs: async (userId) => {
      const page = await startUserPage({ playgroundUrl: playground.url, userId });
      userPages.push(page);
      return page.url;
    },
    stop: async () => {
      await Promise.all(userPages.map((page) => page.close()));
      await playground.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
