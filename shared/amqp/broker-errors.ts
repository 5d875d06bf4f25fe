/** AMQP 405 RESOURCE_LOCKED: another connection holds the exclusive queue a declare named. */
const RESOURCE_LOCKED = 405;

/** True for the channel error amqplib raises when an exclusive queue belongs to another connection. */
export function isResourceLocked(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === RESOURCE_LOCKED;
}
