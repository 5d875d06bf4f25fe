import test from 'ava';
import { simulatorEnv, type SimulatedCloud } from '../../../services/all-in-one/src/simulator-env.js';

const CLOUD: SimulatedCloud = {
  identityUrl: 'http://127.0.0.1:40000/identity/v2.0',
  admin: { username: 'identity-admin', password: 'admin-password' },
  region: 'ORD',
};

const SIM_VALUES = {
  IDENTITY_URL: CLOUD.identityUrl,
  IDENTITY_ADMIN_USERNAME: 'identity-admin',
  IDENTITY_ADMIN_PASSWORD: 'admin-password',
  AUTH_STRATEGY: 'impersonation',
};

const cases: readonly {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly cloud?: SimulatedCloud;
  readonly expected: { env: Record<string, string>; ignored: string[] };
}[] = [
  {
    name: 'points an empty environment at the simulator, in its first region',
    env: {},
    expected: { env: { ...SIM_VALUES, CLOUD_REGION: 'ORD' }, ignored: [] },
  },
  {
    name: 'keeps unrelated variables and a CLOUD_REGION the user chose',
    env: { CLOUD_REGION: 'DFW', LB_PREFETCH: '10' },
    expected: { env: { ...SIM_VALUES, CLOUD_REGION: 'DFW', LB_PREFETCH: '10' }, ignored: [] },
  },
  {
    name: 'replaces identity settings and reports their names',
    env: { IDENTITY_URL: 'https://identity.example.com/v2.0', IDENTITY_ADMIN_PASSWORD: 'secret' },
    expected: {
      env: { ...SIM_VALUES, CLOUD_REGION: 'ORD' },
      ignored: ['IDENTITY_URL', 'IDENTITY_ADMIN_PASSWORD'],
    },
  },
  {
    name: 'does not report a variable already set to what the simulator needs',
    env: { AUTH_STRATEGY: 'impersonation' },
    expected: { env: { ...SIM_VALUES, CLOUD_REGION: 'ORD' }, ignored: [] },
  },
  {
    name: 'drops endpoint overrides and other credentials',
    env: { NOVA_URL: 'http://nova.example.com', AUTH_CREDENTIALS_FILE: '/etc/kelp/creds.json', CLB_URL: '' },
    expected: { env: { ...SIM_VALUES, CLOUD_REGION: 'ORD' }, ignored: ['AUTH_CREDENTIALS_FILE', 'NOVA_URL'] },
  },
  {
    name: 'defaults the region to the simulator first region',
    env: {},
    cloud: { ...CLOUD, region: 'IAD' },
    expected: { env: { ...SIM_VALUES, CLOUD_REGION: 'IAD' }, ignored: [] },
  },
];

for (const c of cases) {
  test(`simulatorEnv ${c.name}`, (t) => {
    const result = simulatorEnv(c.env, c.cloud ?? CLOUD);
    t.deepEqual({ env: { ...result.env }, ignored: [...result.ignored] }, c.expected);
  });
}

test('simulatorEnv does not change the environment it is given', (t) => {
  const env = { IDENTITY_URL: 'https://identity.example.com/v2.0', NOVA_URL: 'http://nova.example.com' };
  simulatorEnv(env, CLOUD);
  t.deepEqual(env, { IDENTITY_URL: 'https://identity.example.com/v2.0', NOVA_URL: 'http://nova.example.com' });
});
