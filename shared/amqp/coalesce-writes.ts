import type { Writable } from 'node:stream';

/** The part of a socket this needs (a `net.Socket` has it). */
export type CorkableStream = Pick<Writable, 'write' | 'cork' | 'uncork'>;

const COALESCING = Symbol('kelp.coalesceWrites');

/**
 * Makes every write made to `stream` during one turn of the event loop leave in a single `writev`
 * syscall: the first write of a turn corks the stream, and the stream is uncorked once the turn's
 * synchronous work and microtasks are done (`process.nextTick`). amqplib writes each frame (a publish,
 * an ack) with its own `socket.write`; with `noDelay` each of those is a syscall and a TCP segment, and a
 * busy consumer writing hundreds of frames per turn spent a third of its CPU in them. Order, return
 * values (backpressure) and callbacks are the stream's own; idempotent per stream.
 */
export function coalesceWrites(stream: CorkableStream): void {
  const marked = stream as CorkableStream & { [COALESCING]?: true };
  if (marked[COALESCING] === true) return;
  marked[COALESCING] = true;
  const write = stream.write;
  let corked = false;
  const flush = (): void => {
    corked = false;
    stream.uncork();
  };
  stream.write = function coalescedWrite(this: unknown, ...args: Parameters<Writable['write']>): boolean {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(flush);
    }
    return (write as (...a: Parameters<Writable['write']>) => boolean).apply(stream, args);
  } as Writable['write'];
}
