import test from 'ava';
import { topicMatches } from '../../../shared/amqp/topic-match.js';

const cases: ReadonlyArray<readonly [string, string, boolean]> = [
  ['job.j1.accepted', 'job.j1.accepted', true],
  ['job.j1.accepted', 'job.j1.failed', false],
  ['job.*.failed', 'job.j1.failed', true],
  ['job.*.failed', 'job.j1.step.failed', false],
  ['job.j1.#', 'job.j1', true],
  ['job.j1.#', 'job.j1.step.finished', true],
  ['job.j1.#', 'job.j10.accepted', false],
  ['#', 'anything.at.all', true],
  ['#', '', true],
  ['#.failed', 'job.j1.failed', true],
  ['#.failed', 'job.j1.failed.not', false],
  ['job.#.finished', 'job.finished', true],
  ['job.#.finished', 'job.a.b.c.finished', true],
  ['*', 'one', true],
  ['*', 'one.two', false],
  ['*.*', 'one', false],
  ['job.#.#', 'job', true],
];

test('topicMatches follows AMQP topic rules for * and #', (t) => {
  t.deepEqual(
    cases.map(([pattern, key]) => [pattern, key, topicMatches(pattern, key)]),
    cases.map(([pattern, key, expected]) => [pattern, key, expected]),
  );
});
