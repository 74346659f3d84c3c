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
  | 'expired';

/** A person, identified by the Entra object id from `from.aadObjectId`. */
export interface Actor {
  aadObjectId: string;
  name: string;
  /** The Teams user id (`29:…`), kept for mentions on cards. */
  teamsUserId?: string;
}

export interface Approval {
  approver: Actor;
  /** The plan hash the approver saw; an approval counts only for this hash. */
  planHash: string;
  at: string;
  comment?: string;
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
  };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  eTag?: string;
}
