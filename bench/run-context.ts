// Settings of one benchmark run and what every measurement receives.

export interface BenchSettings {
  quick: boolean;
  /** Concurrent conversations in the message overhead runs. */
  concurrency: number;
  warmupMs: number;
  /** Length of one measured round per bot. */
  roundMs: number;
  /** Measured rounds per bot, alternating between the bots round by round. */
  rounds: number;
  /** Card clicks sent at once, each on a different pending request. */
  clickBurst: number;
  /** Bursts per bot, alternating between the bots burst by burst. */
  clickRounds: number;
  /** Latency the emulator adds to every Graph request during the click bursts. */
  clickGraphLatencyMs: number;
  /** Latency the emulator adds to every Graph request during the set-up. */
  setupGraphLatencyMs: number;
  /** Set-ups run before the measured ones, so the measured ones find the bot's code paths warm. */
  setupWarmups: number;
  /** Set-ups measured, each in an empty tenant on a fresh emulator. */
  setupRepeats: number;
  /** Starts of the bot per state file. Start time and memory are the medians over these starts. */
  footprintStarts: number;
  /** Change requests stored before the footprint run with a full store. */
  storedRequests: number;
  /** `requests` commands sent one after another to time the list. */
  listSamples: number;
  /** Wait after readiness before reading the idle resident memory. */
  idleSettleMs: number;
}

export const fullSettings: BenchSettings = {
  quick: false,
  concurrency: 50,
  // Both bots kept getting faster over the first rounds after a 2 s warm-up.
  warmupMs: 5_000,
  roundMs: 2_500,
  rounds: 6,
  clickBurst: 50,
  clickRounds: 5,
  clickGraphLatencyMs: 500,
  setupGraphLatencyMs: 50,
  setupWarmups: 1,
  setupRepeats: 5,
  footprintStarts: 3,
  storedRequests: 10_000,
  listSamples: 20,
  idleSettleMs: 2_000,
};

/** Small counts that exercise every measurement within a minute, for CI. The figures from them mean little. */
export const quickSettings: BenchSettings = {
  quick: true,
  concurrency: 10,
  warmupMs: 300,
  roundMs: 700,
  rounds: 1,
  clickBurst: 10,
  clickRounds: 1,
  clickGraphLatencyMs: 500,
  setupGraphLatencyMs: 50,
  setupWarmups: 0,
  setupRepeats: 1,
  footprintStarts: 1,
  storedRequests: 300,
  listSamples: 3,
  idleSettleMs: 200,
};

export interface BenchContext {
  settings: BenchSettings;
  /** Directory for the JSON results. */
  resultsDir: string;
  /** Directory for the logs of the processes the benchmark starts. */
  logDir: string;
  /** Prints a progress line to stderr. */
  log(line: string): void;
}
