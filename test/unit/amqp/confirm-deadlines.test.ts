import test from 'ava';
import { ConfirmDeadlines } from '../../../shared/amqp/confirm-deadlines.js';

test('ConfirmDeadlines expires entries that were not removed, and only those', async (t) => {
  const deadlines = new ConfirmDeadlines(20);
  const expired: string[] = [];
  const removed = deadlines.add(() => expired.push('removed'));
  let last: () => void = () => undefined;
  const lastExpired = new Promise<void>((resolve) => (last = resolve));
  deadlines.add(() => expired.push('kept'));
  deadlines.add(() => (expired.push('kept too'), last()));
  deadlines.remove(removed);
  await lastExpired;
  t.deepEqual(expired, ['kept', 'kept too']);
});
