/**
 * `npm run demo` (`node dist/services/all-in-one/src/demo.js`): the all-in-one stack converges a group to
 * 3 servers behind a CLB and an RCv3 pool, scales it to 1, and exits 0 (1 on failure, 2 for a bad
 * environment). The story goes to stdout, the services' logs (warnings only, unless LOG_LEVEL says
 * otherwise) to stderr.
 */
import 'reflect-metadata';
import { runDemo } from './demo/run-demo.js';

const code = await runDemo(process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  logStream: process.stderr,
  now: () => performance.now(),
});
// Keep-alive sockets and timers of the stopped services must not hold the process open.
process.exit(code);
