import type { ChangeKind, Plan, RunState, SetupValues, SigningCertificate } from '../sso/types.js';

export type RequestState =
  | 'draft'
  | 'pending-approval'
  | 'approved'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'rolled-back';

/** The run that an extra approval round on a failed request is for. */
export type PendingAction = 'retry' | 'rollback';

/** The kind of a run: the first run, a resume from the failed step, or a rollback. */
export type RunAction = 'run' | PendingAction;

/** A person, identified by the Entra object id from `from.aadObjectId`. */
export interface Actor {
  aadObjectId: string;
  name: string;
  /** The Teams user id (`29:…`), kept for mentions on cards. */
  teamsUserId?: string;
  /** The Entra tenant of the activity. Transitions reject an actor from another tenant. */
  tenantId?: string;
}

export interface Approval {
  approver: Actor;
  /** The plan hash the approver saw; an approval counts only for this hash. */
  planHash: string;
  at: string;
  comment?: string;
  /** The approval round the approval belongs to (see `ChangeRequest.approvalRound`). */
  round?: number;
}

export interface Decision {
  by: Actor;
  at: string;
  comment?: string;
}

export interface HistoryEntry {
  at: string;
  state: RequestState;
  by?: Actor;
  note?: string;
  /** Set on the entry that closed an approval round. */
  decision?: 'approved' | 'rejected' | 'cancelled' | 'expired';
}

export interface ChangeRequest {
  /** Readable id, for example `CR-7F3K`. */
  id: string;
  kind: ChangeKind;
  state: RequestState;
  tenantId: string;
  appProfileId: string;
  /** The choices still open on the card (RelayState, test user, users). */
  parameters: Record<string, unknown>;
  requester: Actor;
  /** A botbuilder ConversationReference stored as opaque JSON. */
  conversation: Record<string, unknown>;
  /** The id of the request card, for `updateActivity`. */
  cardActivityId?: string;
  plan: Plan;
  approvals: Approval[];
  rejection?: Decision;
  cancellation?: Decision;
  run?: RunState;
  result?: {
    certificate?: SigningCertificate;
    setupValues?: SetupValues;
    /** Destination of a created test user's initial password. The password itself is never stored. */
    passwordDelivery?: 'personal-chat' | 'not-shown';
  };
  /**
   * The reason the run at `at` stopped outside its steps, for example a Graph
   * error during a rollback, as a plain sentence for the card.
   */
  runError?: { message: string; at: string };
  /** Ids of the messages posted after a successful run, for `updateActivity`. */
  resultActivityIds?: {
    certificate?: string;
    setupValues?: string;
    checklist?: string;
  };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  /**
   * Counts approval rounds: 1 for the first, plus one for every retry or
   * rollback request. Only approvals of the current round count.
   */
  approvalRound?: number;
  /** Set while a retry or rollback waits for approval and while it runs. */
  pendingAction?: PendingAction;
  /** The person who requested the pending retry or rollback, who cannot approve it. */
  actionRequestedBy?: Actor;
  /** The kind of the current or last run. */
  runAction?: RunAction;
  /**
   * The instance that runs the plan and until when. Another instance may take
   * the run over only after `until` has passed.
   */
  runLease?: RunLease;
  eTag?: string;
}

export interface RunLease {
  owner: string;
  until: string;
}

/** One manual step on the checklist card, ticked or unticked by a person. */
export interface ChecklistItemState {
  done: boolean;
  by: Actor;
  at: string;
}

export interface ChecklistState {
  requestId: string;
  items: Record<string, ChecklistItemState>;
  eTag?: string;
}

/** A change request before the store has given it an id. */
export type NewChangeRequest = Omit<ChangeRequest, 'id' | 'eTag'>;
