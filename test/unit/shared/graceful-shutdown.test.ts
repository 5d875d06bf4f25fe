import test from 'ava';
import { installGracefulShutdown } from '../../../shared/runtime/graceful-shutdown.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';

test('shutdown runs every stage in order, past a failing one, and exits 0', async (t) => {
  const ran: string[] = [];
  const exits: number[] = [];
  const shutdown = installGracefulShutdown({
    logger: createSilentLogger(),
    deadlineMs: 5_000,
    signals: [],
    exit: (code) => exits.push(code),
    stages: [
      { name: 'a', run: () => Promise.resolve(void ran.push('a')) },
      { name: 'b', run: () => Promise.reject(new Error('b failed')) },
      { name: 'c', run: () => Promise.resolve(void ran.push('c')) },
    ],
  });
  await shutdown('test');
  t.deepEqual(ran, ['a', 'c']);
  t.deepEqual(exits, [0]);
});

test('shutdown runs once however often it is triggered', async (t) => {
  let runs = 0;
  const exits: number[] = [];
  const shutdown = installGracefulShutdown({
    logger: createSilentLogger(),
    deadlineMs: 5_000,
    signals: [],
    exit: (code) => exits.push(code),
    stages: [{ name: 'a', run: () => Promise.resolve(void runs++) }],
  });
  await Promise.all([shutdown('one'), shutdown('two')]);
  t.is(runs, 1);
  t.deepEqual(exits, [0]);
});

test('shutdown exits 1 when the stages overrun the deadline', async (t) => {
  const exits: number[] = [];
  const shutdown = installGracefulShutdown({
    logger: createSilentLogger(),
    deadlineMs: 20,
    signals: [],
    exit: (code) => exits.push(code),
    stages: [{ name: 'stuck', run: () => new Promise<void>(() => undefined) }],
  });
  await shutdown('test');
  t.deepEqual(exits, [1]);
});

test('shutdown exits with the code it was triggered with', async (t) => {
  const exits: number[] = [];
  const shutdown = installGracefulShutdown({
    logger: createSilentLogger(),
    deadlineMs: 1_000,
    signals: [],
    exit: (code) => exits.push(code),
    stages: [],
  });
  await shutdown('start-failed', 1);
  t.deepEqual(exits, [1]);
});
