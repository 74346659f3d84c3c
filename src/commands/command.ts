/** The products whose RelayState the GoToMeeting gallery app can preselect. */
export type ProductKey = 'gotomeeting' | 'gototraining' | 'gotowebinar' | 'gotoassist';

/**
 * An app named in a command. `appKey` is the gallery app profile that gets
 * configured; `product` is the RelayState preselected on the card. All four
 * GoTo products sign in through the one GoToMeeting gallery app, so
 * "set up GoToWebinar SSO" configures `gotomeeting` with product `gotowebinar`.
 *
 * The parser sets `appKey` and `product` only for the GoTo products. Any
 * other app comes as `name`, the text as written, and the bot matches it
 * against the app profiles and sets `appKey` to the profile id.
 */
export interface AppRef {
  appKey?: string;
  product?: ProductKey;
  /** The app as the message names it, without a leading "the" or a trailing "app". */
  name?: string;
}

/**
 * A mention entity as Teams sends it: `text` is the `<at>…</at>` markup and
 * `mentioned` the person. Structurally compatible with botbuilder's `Mention`.
 */
export interface MentionEntity {
  type?: string;
  text?: string;
  mentioned: { id: string; name?: string; aadObjectId?: string };
}

/**
 * A person named in a command. A mention identifies the person by ids; the
 * other kinds are text that the directory still has to resolve. `upn` is any
 * address-like text, which may turn out to be a mail address.
 */
export type UserRef =
  | { kind: 'mention'; aadObjectId?: string; teamsUserId: string; name: string }
  | { kind: 'upn' | 'mail'; value: string }
  | { kind: 'name'; value: string };

export type Command =
  | { type: 'help' }
  | { type: 'setup-sso'; app: AppRef }
  | { type: 'assign'; users: UserRef[]; app?: AppRef }
  | { type: 'unassign'; users: UserRef[]; app?: AppRef }
  | { type: 'create-test-user'; name: string; app?: AppRef }
  | { type: 'status'; app?: AppRef }
  | { type: 'who-has'; app?: AppRef }
  | { type: 'certificate'; app?: AppRef }
  | { type: 'checklist'; app?: AppRef }
  | { type: 'requests' }
  | { type: 'cancel'; requestId: string }
  | { type: 'rotate-certificate'; app?: AppRef }
  | {
      type: 'unknown';
      text: string;
      /** The usage of the closest command, for "did you mean …". */
      suggestion?: string;
      /** The reason, when the command was recognised but its argument was not. */
      problem?: string;
    };

export type CommandType = Command['type'];

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
