import test from 'ava';
import { JobProgressTracker } from '../../../services/supervisor/src/core/job-progress-tracker.js';

test('a job message is taken once per seq, and older seqs are dropped', (t) => {
  const tracker = new JobProgressTracker(10);
  t.deepEqual(
    [tracker.claim('j', 1), tracker.claim('j', 1), tracker.claim('j', 3), tracker.claim('j', 2), tracker.claim('k', 1)],
    [true, false, true, false, true],
  );
});

test('a released claim can be taken again', (t) => {
  const tracker = new JobProgressTracker(10);
  tracker.claim('j', 1);
  tracker.release('j', 1);
  t.true(tracker.claim('j', 1));
});

test('an LB timeout applies only while its answer has not been taken', (t) => {
  const tracker = new JobProgressTracker(10);
  tracker.claim('j', 1);
  tracker.awaitLb('j', 2);
  t.true(tracker.isAwaitingLb('j', 2));
  t.false(tracker.isAwaitingLb('j', 3));
  t.false(tracker.isAwaitingLb('unknown', 2));
  tracker.claim('j', 2);
  t.false(tracker.isAwaitingLb('j', 2));
});

test('the oldest job is forgotten beyond the limit', (t) => {
  const tracker = new JobProgressTracker(2);
  tracker.claim('a', 5);
  tracker.claim('b', 5);
  tracker.claim('c', 5);
  t.is(tracker.size, 2);
  t.true(tracker.claim('a', 1));
  t.false(tracker.claim('c', 5));
});
