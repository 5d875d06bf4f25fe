import test from 'ava';
import {
  envelopeWithRawPayload,
  injectFirstMember,
  nestedArrayText,
  replaceMarker,
  retyped,
} from '../../../test/chaos/core/hostile-json.js';

test('injectFirstMember puts raw members first, in empty and non-empty objects', (t) => {
  t.deepEqual(
    [injectFirstMember('{}', '"__proto__":{}'), injectFirstMember('{"a":1}', '"__proto__":{"x":1}')],
    ['{"__proto__":{}}', '{"__proto__":{"x":1},"a":1}'],
  );
  t.throws(() => injectFirstMember('[]', '"a":1'), { instanceOf: RangeError });
});

test('envelopeWithRawPayload keeps the other fields and splices the payload text verbatim', (t) => {
  t.is(
    envelopeWithRawPayload({ id: 'a', payload: { x: 1 } }, '{"__proto__":1}'),
    '{"id":"a","payload":{"__proto__":1}}',
  );
});

test('replaceMarker replaces the first quoted marker only, even with $ patterns in the replacement', (t) => {
  t.is(replaceMarker('{"a":"M","b":"M"}', 'M', '$&1e400'), '{"a":$&1e400,"b":"M"}');
});

test('nestedArrayText nests the requested depth', (t) => {
  t.is(nestedArrayText(3), '[[[]]]');
  t.is(JSON.stringify(JSON.parse(nestedArrayText(3))), '[[[]]]');
});

test('retyped returns a value of another JSON type', (t) => {
  t.deepEqual(
    [retyped('x'), retyped(5), retyped(true), retyped([1, 2]), retyped(null), retyped({ a: 1 })],
    [42, '5', 'true', { items: 2 }, 0, 'object'],
  );
});
