import type { Scenario } from '../harness/run-context.js';
import { crashScenario } from './s1-crash.js';
import { brokerScenario } from './s2-broker.js';
import { flakyCloudScenario } from './s3-flaky-cloud.js';
import { hostileInputScenario } from './s4-hostile-input.js';
import { secretsScenario } from './s5-secrets.js';
import { tenantsScenario } from './s6-tenants.js';
import { permissionsScenario } from './s7-permissions.js';

/** Every scenario, in the order `npm run chaos` runs them. */
export const SCENARIOS: readonly Scenario[] = [
  crashScenario,
  brokerScenario,
  flakyCloudScenario,
  hostileInputScenario,
  secretsScenario,
  tenantsScenario,
  permissionsScenario,
];
