import { AppError, ensureAppError } from '../../../shared/errors/app-error.js';
import { EXIT, type CliConnection, type CliIo } from './cli-io.js';
import { usage } from './usage.js';

/**
 * Connects to Kelp, runs `work` and closes the connection. An unreachable broker or a failure exits
 * `unavailable` with the reason on stderr; an answer that does not decode is a usage error.
 */
export async function withConnection(io: CliIo, work: (connection: CliConnection) => Promise<number>): Promise<number> {
  let connection: CliConnection;
  try {
    connection = await io.connect(io.env);
  } catch (error) {
    io.stderr.write(`kelp: cannot reach RabbitMQ: ${ensureAppError(error).message}\n`);
    return EXIT.unavailable;
  }
  try {
    return await work(connection);
  } catch (error) {
    if (AppError.isKind(error, 'decode')) return usage(io, [error.message]);
    io.stderr.write(`kelp: ${ensureAppError(error).message}\n`);
    return EXIT.unavailable;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
