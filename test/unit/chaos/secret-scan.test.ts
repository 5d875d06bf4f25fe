import test from 'ava';
import { buildNeedles, describeHit, scanText, spellingsOf } from '../../../test/chaos/core/secret-scan.js';

const SECRETS = [
  { label: 'password of tenant t1', value: 'pa$$"word/1+x' },
  { label: 'token of tenant t2', value: 'tok-0123456789abcdef0123456789abcdef' },
  { label: 'short', value: 'abc' },
];

test('spellingsOf covers raw, JSON-escaped and URL-encoded forms', (t) => {
  t.deepEqual(spellingsOf('pa$$"word/1+x'), ['pa$$"word/1+x', 'pa$$\\"word/1+x', 'pa%24%24%22word%2F1%2Bx']);
});

test('scanText finds every spelling and names source, line and label, never the value', (t) => {
  const needles = buildNeedles(SECRETS);
  const text = [
    '{"level":"info","message":"ok"}',
    '{"password":"pa$$\\"word/1+x"}',
    'GET /v2/tok-0123456789abcdef0123456789abcdef?p=pa%24%24%22word%2F1%2Bx',
  ].join('\n');
  const hits = scanText('auth.log', text, needles);
  t.deepEqual(hits, [
    { source: 'auth.log', line: 2, label: 'password of tenant t1' },
    { source: 'auth.log', line: 3, label: 'token of tenant t2' },
    { source: 'auth.log', line: 3, label: 'password of tenant t1' },
  ]);
  t.false(hits.map(describeHit).join(' ').includes('pa$$'));
});

test('secrets too short to search for are reported as unscannable', (t) => {
  t.deepEqual(buildNeedles(SECRETS).unscannable, ['short']);
  t.is(buildNeedles([]).matcher, null);
});

test('patterns catch token-shaped strings whose values were never seen', (t) => {
  const hits = scanText('events', 'a\nX-Auth-Token: imp-ffffffffffffffffffffffffffffffff', buildNeedles([]), [
    { label: 'simulator token', pattern: /\b(?:tok|imp)-[0-9a-f]{32}\b/ },
  ]);
  t.deepEqual(hits, [{ source: 'events', line: 2, label: 'simulator token' }]);
});

test('a clean text has no hits', (t) => {
  t.deepEqual(scanText('x', 'nothing to see\nhere', buildNeedles(SECRETS)), []);
});
