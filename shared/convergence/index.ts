/**
 * Convergence, the pure part: desired and observed state, normalising gathered JSON, planning
 * (converge → limit → optimise), aggregating step results and deciding the loop's next move.
 * The converge-group job (gather, perform, publish) lives in the supervisor and imports from here.
 */
export * from './desired-state.js';
export * from './observed-state.js';
export * from './server-metadata.js';
export * from './server-name.js';
export type { Normalised } from './normalised.js';
export * from './metadata-lbs.js';
export * from './normalise-servers.js';
export * from './normalise-lb.js';
export * from './normalise-node-feed.js';
export * from './destiny.js';
export * from './converge-group.js';
export * from './limit-steps.js';
export * from './optimise-steps.js';
export * from './plan.js';
export * from './aggregate-results.js';
export * from './decide-next.js';
