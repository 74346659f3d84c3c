export { activeCertificate, type ActiveCertificate } from './active-certificate.js';
export { findDrift, type DriftItem, type DriftProperty } from './drift.js';
export { ASSIGNMENTS_PAGE_SIZE, listAssignments, type AssignmentEntry, type AssignmentPage } from './list-assignments.js';
export { planRepair } from './plan-repair.js';
export { readStatus, STATUS_NAMES_LISTED, type ReadStatusOptions, type StatusReport } from './read-status.js';
