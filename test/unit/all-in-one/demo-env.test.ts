import test from 'ava';
import { DEMO_SETTINGS, demoEnv } from '../../../services/all-in-one/src/demo/demo-env.js';
import { busAnnouncement } from '../../../services/all-in-one/src/stack-bus.js';

test('demoEnv drops AMQP_URL, keeps other variables and applies the demo settings over them', (t) => {
  t.deepEqual(
    demoEnv({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672', KELP_DEMO_TENANT: '42', SIM_BUILD_TIME_MS: '60000' }),
    { KELP_DEMO_TENANT: '42', LOG_LEVEL: 'warn', ...DEMO_SETTINGS },
  );
});

test('demoEnv keeps the log level the caller asked for', (t) => {
  t.is(demoEnv({ LOG_LEVEL: 'debug' })['LOG_LEVEL'], 'debug');
});

test('busAnnouncement says which bus the runtime runs on, without the broker URL', (t) => {
  t.is(
    busAnnouncement({ amqpUrl: undefined, namespace: 'kelp' }),
    'all-in-one: AMQP_URL is not set, running on the in-process bus',
  );
  t.is(
    busAnnouncement({ amqpUrl: 'amqp://guest:guest@127.0.0.1:5672', namespace: 'kelp' }),
    'all-in-one: running on RabbitMQ at AMQP_URL (namespace kelp)',
  );
});
