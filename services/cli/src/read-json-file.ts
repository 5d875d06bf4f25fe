import { ensureAppError } from '../../../shared/errors/app-error.js';
import type { CliIo } from './cli-io.js';
import { parseJobFile } from './job-options.js';

/** Reads and parses a JSON file named on the command line; a file that cannot be read or parsed is a problem. */
export async function readJsonFile(io: CliIo, path: string): Promise<{ value?: unknown; problem?: string }> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    return { problem: `${path}: ${ensureAppError(error).message}` };
  }
  return parseJobFile(path, text);
}
