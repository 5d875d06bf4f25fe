import test from 'ava';
import { Router, splitUrl } from '../../../services/cloud-sim/src/http/router.js';

const router = new Router<string>()
  .add('GET', '/servers/detail', 'detail')
  .add('GET', '/servers/{id}', 'get')
  .add('DELETE', '/servers/{id}', 'delete')
  .add('GET', '/loadbalancers/{lb:int}/nodes/{node:int}', 'node');

const cases: [string, string, string, unknown][] = [
  ['literal wins when registered first', 'GET', '/servers/detail', { handler: 'detail', params: {} }],
  ['param captured', 'GET', '/servers/abc', { handler: 'get', params: { id: 'abc' } }],
  ['param decoded', 'GET', '/servers/a%20b', { handler: 'get', params: { id: 'a b' } }],
  ['int params', 'GET', '/loadbalancers/12/nodes/34', { handler: 'node', params: { lb: '12', node: '34' } }],
  ['non-int param is not found', 'GET', '/loadbalancers/x/nodes/34', 'not-found'],
  ['bad escape is not found', 'GET', '/servers/%E0%A4%A', 'not-found'],
  ['wrong method lists allowed', 'PUT', '/servers/abc', ['GET', 'DELETE']],
  ['unknown path', 'GET', '/nothing', 'not-found'],
];

for (const [name, method, path, expected] of cases) {
  test(`router: ${name}`, (t) => {
    const match = router.match(method, splitUrl(path).segments);
    const observed =
      match.kind === 'found'
        ? { handler: match.route.handler, params: match.params }
        : match.kind === 'method-not-allowed'
          ? match.allowed
          : 'not-found';
    t.deepEqual(observed, expected);
  });
}

test('splitUrl ignores trailing and double slashes and keeps the raw query', (t) => {
  t.deepEqual(splitUrl('/a//b/?x=1&y=2'), { segments: ['a', 'b'], query: 'x=1&y=2' });
  t.deepEqual(splitUrl('/'), { segments: [], query: '' });
});

test('route templates drop :int constraints for labels', (t) => {
  const match = router.match('GET', ['loadbalancers', '1', 'nodes', '2']);
  t.is(match.kind === 'found' ? match.route.template : null, '/loadbalancers/{lb}/nodes/{node}');
});
