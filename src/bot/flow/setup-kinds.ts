import type { ChangeKind } from '../../sso/index.js';

/** The request kinds whose card, submit and results the set-up flow implements itself. */
export const SETUP_KINDS: readonly ChangeKind[] = ['setup-sso', 'repair'];
