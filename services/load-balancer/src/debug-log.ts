import type { Logger } from '../../../shared/logging/logger.js';

/**
 * A debug logger for hot paths (a line per step or per batch). Winston runs every line through its
 * formats (redaction, timestamp, JSON) before the transport drops it by level, so a disabled debug line
 * still costs several microseconds; this asks the logger first (`isLevelEnabled`, when it has one) and
 * builds the line's details only when it will be written.
 */
export function debugLog(logger: Logger): (message: string, meta: () => Record<string, unknown>) => void {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  const enabled = typeof check === 'function' ? (): boolean => check.call(logger, 'debug') : (): boolean => true;
  return (message, meta) => {
    if (enabled()) logger.debug(message, meta());
  };
}
