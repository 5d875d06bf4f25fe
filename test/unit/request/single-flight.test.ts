import test from 'ava';
import { SingleFlight } from '../../../shared/auth-contract/single-flight.js';

test('single flight runs one task for concurrent calls with one key', async (t) => {
  const flight = new SingleFlight<string, number>();
  let runs = 0;
  let release: (n: number) => void = () => undefined;
  const task = () => {
    runs += 1;
    return new Promise<number>((resolve) => (release = resolve));
  };
  const calls = Array.from({ length: 1000 }, () => flight.run('t1', task));
  await Promise.resolve();
  release(42);
  t.deepEqual(new Set(await Promise.all(calls)), new Set([42]));
  t.is(runs, 1);
  t.is(flight.size, 0);
});

test('single flight shares an error with every waiter and forgets it', async (t) => {
  const flight = new SingleFlight<string, number>();
  const boom = new Error('boom');
  const results = await Promise.allSettled([
    flight.run('k', () => Promise.reject(boom)),
    flight.run('k', () => Promise.resolve(1)),
  ]);
  t.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  t.is(await flight.run('k', () => Promise.resolve(2)), 2);
});

test('single flight survives a task that throws synchronously', async (t) => {
  const flight = new SingleFlight<string, number>();
  await t.throwsAsync(
    flight.run('k', () => {
      throw new Error('sync');
    }),
  );
  t.is(flight.size, 0);
});

test('single flight keeps keys apart', async (t) => {
  const flight = new SingleFlight<string, string>();
  t.deepEqual(
    await Promise.all([flight.run('a', () => Promise.resolve('A')), flight.run('b', () => Promise.resolve('B'))]),
    ['A', 'B'],
  );
});
