/** Inversify service identifiers shared by every runtime. Services add their own beside their container. */
export const TOKENS = {
  Config: Symbol.for('kelp.Config'),
  Logger: Symbol.for('kelp.Logger'),
  Bus: Symbol.for('kelp.Bus'),
  Clock: Symbol.for('kelp.Clock'),
  IdSource: Symbol.for('kelp.IdSource'),
  Metrics: Symbol.for('kelp.Metrics'),
  TokenSource: Symbol.for('kelp.TokenSource'),
  RequestFunction: Symbol.for('kelp.RequestFunction'),
  Health: Symbol.for('kelp.Health'),
  ServiceContext: Symbol.for('kelp.ServiceContext'),
} as const;
