import test from 'ava';
import { errorRule, jsonBody, matchErrors, valueAt } from '../../../shared/steps/match-errors.js';

const RULES = [
  errorRule(422, ['message'], String.raw`Load\s*Balancer is not ACTIVE`, (message) => ({
    error: 'NotActive',
    message,
  })),
  errorRule(413, ['overLimit', 'message'], null, (message) => ({ error: 'AnyOverLimit', message })),
  errorRule(400, ['validationErrors', 'messages', 0], String.raw`Node ids ((?:\d+,)*\d+) are`, (message, groups) => ({
    error: 'Ids',
    message: groups[0] ?? message,
  })),
  errorRule(403, [], String.raw`plain (\w+)`, (_m, groups) => ({ error: 'Plain', message: groups[0] ?? '' })),
];

const CASES: readonly [string, number, unknown, unknown][] = [
  [
    'matches at the right status and path',
    422,
    { message: 'LoadBalancer is not ACTIVE' },
    { error: 'NotActive', message: 'LoadBalancer is not ACTIVE' },
  ],
  [
    'matches case-insensitively',
    422,
    { message: 'loadbalancer IS NOT active' },
    { error: 'NotActive', message: 'loadbalancer IS NOT active' },
  ],
  [
    'allows trailing text (anchored at the start only)',
    422,
    { message: 'Load Balancer is not ACTIVE, sorry' },
    { error: 'NotActive', message: 'Load Balancer is not ACTIVE, sorry' },
  ],
  ['does not match text that is not at the start', 422, { message: 'Sorry: LoadBalancer is not ACTIVE' }, undefined],
  ['does not match a matching text at the wrong status', 409, { message: 'LoadBalancer is not ACTIVE' }, undefined],
  ['does not match a matching text at the wrong path', 422, { error: 'LoadBalancer is not ACTIVE' }, undefined],
  ['does not match a non-string value', 422, { message: ['LoadBalancer is not ACTIVE'] }, undefined],
  [
    'matches any message when the pattern is null',
    413,
    { overLimit: { message: 'whatever', code: 413 } },
    { error: 'AnyOverLimit', message: 'whatever' },
  ],
  ['does not match a null value at the path', 413, { overLimit: { message: null } }, undefined],
  [
    'follows array indexes in the path',
    400,
    { validationErrors: { messages: ['Node ids 1,22 are not a part'] } },
    { error: 'Ids', message: '1,22' },
  ],
  ['does not match an empty array at an index', 400, { validationErrors: { messages: [] } }, undefined],
  [
    'parses a JSON body given as text',
    422,
    '{"message": "LoadBalancer is not ACTIVE"}',
    { error: 'NotActive', message: 'LoadBalancer is not ACTIVE' },
  ],
  ['leaves an HTML body unmatched', 422, '<html>LoadBalancer is not ACTIVE</html>', undefined],
  ['leaves an empty body unmatched', 422, null, undefined],
  ['matches a plain-text body with the empty path', 403, 'Plain words', { error: 'Plain', message: 'words' }],
  ['does not apply a plain-text row to a JSON body', 403, { message: 'plain words' }, undefined],
];

for (const [name, status, body, expected] of CASES) {
  test(`matchErrors ${name}`, (t) => {
    t.deepEqual(matchErrors(RULES, status, body), expected);
  });
}

test('matchErrors takes the first matching row', (t) => {
  const rules = [errorRule(422, ['message'], 'a', () => 'first'), errorRule(422, ['message'], 'ab', () => 'second')];
  t.is(matchErrors(rules, 422, { message: 'abc' }), 'first');
});

test('valueAt ignores inherited properties and indexes into objects only by key', (t) => {
  t.is(valueAt({}, ['toString']), undefined);
  t.is(valueAt({ a: { 0: 'x' } }, ['a', 0]), undefined);
  t.is(valueAt([['x']], [0, 0]), 'x');
});

test('jsonBody keeps unparseable JSON-looking text as text', (t) => {
  t.is(jsonBody('{not json'), '{not json');
  t.is(jsonBody('"a json string"'), 'a json string');
});
