/**
 * The rule every credited 学时 obeys (issue 13), checked in one SQL statement over study_progress and
 * study_events that lists every violation, for the tests (after every study scenario) and for anyone
 * checking a database by hand: the statement and its rules are in src/study/queries.ts
 * (CREDIT_INVARIANT_SQL, creditInvariantViolations).
 */
export { CREDIT_INVARIANT_SQL, creditInvariantViolations, type InvariantViolation } from './queries'
