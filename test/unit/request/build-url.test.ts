import test from 'ava';
import { buildUrl } from '../../../shared/request/build-url.js';

const cases: readonly [string, Parameters<typeof buildUrl>, string][] = [
  ['joins segments with one slash', ['http://h/v2/t1', ['servers', 'abc']], 'http://h/v2/t1/servers/abc'],
  ['drops trailing slashes of the base', ['http://h/v2/t1//', ['servers']], 'http://h/v2/t1/servers'],
  ['encodes reserved characters in a segment', ['http://h/v2', ['meta', 'a/b c?']], 'http://h/v2/meta/a%2Fb%20c%3F'],
  ['returns the base for an empty path', ['http://h/v2/t1', []], 'http://h/v2/t1'],
  [
    'appends a query',
    ['http://h/v2', ['servers', 'detail'], { limit: 10, name: 'as x' }],
    'http://h/v2/servers/detail?limit=10&name=as+x',
  ],
  ['repeats keys for arrays', ['http://h/v2', ['nodes'], { id: ['1', 2] }], 'http://h/v2/nodes?id=1&id=2'],
  ['omits an empty query', ['http://h/v2', ['x'], {}], 'http://h/v2/x'],
];

for (const [name, args, expected] of cases) {
  test(`buildUrl ${name}`, (t) => {
    t.is(buildUrl(...args), expected);
  });
}
