import test from 'ava';
import { ConfigError } from '../../../shared/errors/config-error.js';
import { loadRequestConfig } from '../../../shared/request/request-config.js';

test('loadRequestConfig applies documented defaults', (t) => {
  const config = loadRequestConfig({});
  t.deepEqual(config.endpoints.cloudServersOpenStack, { name: 'cloudServersOpenStack', region: 'ORD', url: undefined });
  t.deepEqual(config.throttles, []);
  t.like(config.http, { timeoutMs: 30_000, retryLimit: 2 });
  t.is(config.tokenSource.rpcTimeoutMs, 5_000);
});

test('loadRequestConfig reads region, names, per-service region and URL overrides', (t) => {
  const config = loadRequestConfig({
    CLOUD_REGION: 'DFW',
    CLB_REGION: 'ORD',
    RCV3_SERVICE_NAME: 'rcv3',
    NOVA_URL: 'http://127.0.0.1:9000/v2/t1',
  });
  t.deepEqual(config.endpoints, {
    cloudServersOpenStack: { name: 'cloudServersOpenStack', region: 'DFW', url: 'http://127.0.0.1:9000/v2/t1' },
    cloudLoadBalancers: { name: 'cloudLoadBalancers', region: 'ORD', url: undefined },
    rackconnect: { name: 'rcv3', region: 'DFW', url: undefined },
  });
});

test('loadRequestConfig parses throttle rules from JSON with defaults', (t) => {
  const config = loadRequestConfig({
    HTTP_THROTTLES: '[{"service":"cloudServersOpenStack","method":"POST","minIntervalMs":1000}]',
  });
  t.deepEqual(config.throttles, [
    { service: 'cloudServersOpenStack', method: 'POST', perTenant: false, concurrency: 1, minIntervalMs: 1000 },
  ]);
});

test('loadRequestConfig lists every problem in one ConfigError', (t) => {
  const error = t.throws(
    () => loadRequestConfig({ HTTP_THROTTLES: 'not json', HTTP_TIMEOUT_MS: 'soon', NOVA_URL: 'nope' }),
    {
      instanceOf: ConfigError,
    },
  );
  t.is(error.problems.length, 3);
});
