import { Writable } from 'node:stream';
import test from 'ava';
import { coalesceWrites } from '../../../shared/amqp/coalesce-writes.js';

/** A stream recording each batch it is asked to write: one entry per would-be syscall. */
function recordingStream(highWaterMark = 16 * 1024): { stream: Writable; batches: string[][] } {
  const batches: string[][] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      batches.push([chunk.toString()]);
      callback();
    },
    writev(chunks, callback) {
      batches.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
      callback();
    },
  });
  return { stream, batches };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('writes made in one turn reach the stream as one batch, in order', async (t) => {
  const { stream, batches } = recordingStream();
  coalesceWrites(stream);
  stream.write('a');
  stream.write('b');
  stream.write('c');
  await nextTurn();
  t.deepEqual(batches, [['a', 'b', 'c']]);
});

test('writes of different turns are flushed separately', async (t) => {
  const { stream, batches } = recordingStream();
  coalesceWrites(stream);
  stream.write('a');
  await nextTurn();
  stream.write('b');
  stream.write('c');
  await nextTurn();
  t.deepEqual(batches, [['a'], ['b', 'c']]);
});

test('write keeps reporting backpressure and running callbacks', async (t) => {
  const { stream } = recordingStream(4);
  coalesceWrites(stream);
  const written: string[] = [];
  const results = [stream.write('abc', () => written.push('abc')), stream.write('de', () => written.push('de'))];
  await nextTurn();
  t.deepEqual({ results, written }, { results: [true, false], written: ['abc', 'de'] });
});

test('coalescing a stream twice changes nothing (it is never left corked)', async (t) => {
  const { stream, batches } = recordingStream();
  coalesceWrites(stream);
  coalesceWrites(stream);
  stream.write('a');
  stream.write('b');
  await nextTurn();
  t.deepEqual({ batches, corked: stream.writableCorked }, { batches: [['a', 'b']], corked: 0 });
});
