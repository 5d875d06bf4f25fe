import { EXIT, type CliIo } from './cli-io.js';

/** Writes what is wrong with the command (under `heading`, one problem a line) and returns the usage exit code. */
export function usage(io: CliIo, problems: readonly string[], heading?: string): number {
  const lines = heading === undefined ? problems : [heading, ...problems.map((p) => `  - ${p}`)];
  io.stderr.write(`${lines.join('\n')}\n`);
  return EXIT.usage;
}
