import test from 'ava';
import { loadBaseConfig } from '../../../shared/config/base-config.js';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { AppError } from '../../../shared/errors/app-error.js';

test('loadBaseConfig applies documented defaults to an empty environment', (t) => {
  const config = loadBaseConfig({});
  t.deepEqual(config, {
    amqpUrl: undefined,
    declareTopology: true,
    namespace: 'kelp',
    logLevel: 'info',
    logFormat: 'auto',
    healthPort: 0,
    healthHost: '127.0.0.1',
    shutdownDeadlineMs: 10_000,
    prefetch: 20,
    deliveryLimit: 5,
    maxMessageBytes: 1024 * 1024,
  });
});

test('loadBaseConfig parses typed values from strings', (t) => {
  const config = loadBaseConfig({ AMQP_URL: 'amqp://u:p@127.0.0.1:5672', HEALTH_PORT: '9100', PREFETCH: '100' });
  t.is(config.amqpUrl, 'amqp://u:p@127.0.0.1:5672');
  t.is(config.healthPort, 9100);
  t.is(config.prefetch, 100);
});

test('loadBaseConfig treats empty strings as unset', (t) => {
  t.is(loadBaseConfig({ AMQP_URL: '', LOG_LEVEL: '' }).logLevel, 'info');
});

test('loadBaseConfig throws one ConfigError listing every problem', (t) => {
  const error = t.throws(
    () => loadBaseConfig({ AMQP_URL: 'not a url', HEALTH_PORT: '70000', LOG_LEVEL: 'loud', PREFETCH: 'x' }),
    { instanceOf: ConfigError },
  );
  t.deepEqual(
    error.problems.map((p) => p.split(':')[0]),
    ['AMQP_URL', 'LOG_LEVEL', 'HEALTH_PORT', 'PREFETCH'],
  );
  t.true(AppError.isKind(error, 'config'));
  t.false(error.retryable);
});
