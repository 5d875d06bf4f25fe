import { AppError } from './app-error.js';

/** Start-up configuration is invalid. `problems` lists every problem found, one per entry. */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('config', `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
