/**
 * Validation of CLB node bodies (pure): batch add, node update, and the add-time limits (duplicates and
 * the per-LB node limit). Beyond mimic: bad node fields are 400s, never 500s, and duplicates inside one
 * request are detected too.
 */
import { isRecord } from '../http/body.js';
import type { Reply } from '../http/reply.js';
import { CLB_TEXTS, clbError, clbSchemaError, clbValidationError } from './clb-errors.js';
import type { ClbNodeRecord } from './lb-record.js';

export const NODE_CONDITIONS = ['ENABLED', 'DISABLED', 'DRAINING'] as const;
export const NODE_TYPES = ['PRIMARY', 'SECONDARY'] as const;

export interface NodeInput {
  readonly address: string;
  readonly port: number;
  readonly condition: string;
  readonly type: string;
  readonly weight: number;
}

const NODE_KEYS = new Set(['address', 'port', 'condition', 'type', 'weight']);

function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

function isWeight(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100;
}

/** Checks one node description; returns the problems found (empty when valid). */
export function nodeProblems(node: unknown, index: number): string[] {
  if (!isRecord(node)) return [`node ${index}: must be an object`];
  const problems: string[] = [];
  for (const key of Object.keys(node))
    if (!NODE_KEYS.has(key)) problems.push(`node ${index}: unknown attribute ${key}`);
  if (typeof node['address'] !== 'string' || node['address'] === '')
    problems.push(`node ${index}: address is required`);
  if (!isPort(node['port'])) problems.push(`node ${index}: port must be an integer from 1 to 65535`);
  const { condition, type, weight } = node;
  if (condition !== undefined && !(NODE_CONDITIONS as readonly unknown[]).includes(condition)) {
    problems.push(`node ${index}: condition must be one of ${NODE_CONDITIONS.join(', ')}`);
  }
  if (type !== undefined && !(NODE_TYPES as readonly unknown[]).includes(type)) {
    problems.push(`node ${index}: type must be one of ${NODE_TYPES.join(', ')}`);
  }
  if (weight !== undefined && !isWeight(weight)) problems.push(CLB_TEXTS.weightRange);
  return problems;
}

export function toNodeInput(node: Record<string, unknown>): NodeInput {
  return {
    address: node['address'] as string,
    port: node['port'] as number,
    condition: (node['condition'] as string | undefined) ?? 'ENABLED',
    type: (node['type'] as string | undefined) ?? 'PRIMARY',
    weight: (node['weight'] as number | undefined) ?? 1,
  };
}

/** Parses a list of node descriptions (the `nodes` of an add or of an LB create). */
export function parseNodeList(value: unknown): { ok: true; nodes: NodeInput[] } | { ok: false; reply: Reply } {
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, reply: clbValidationError(['Must provide at least one node']) };
  }
  const problems = value.flatMap((node, index) => nodeProblems(node, index));
  if (problems.length > 0) return { ok: false, reply: clbValidationError(problems) };
  return { ok: true, nodes: value.map((node) => toNodeInput(node as Record<string, unknown>)) };
}

/** Duplicate (address, port) against existing nodes or within the request → 422; past the limit → 413. */
export function checkNodeLimits(
  existing: readonly ClbNodeRecord[],
  adding: readonly NodeInput[],
  limit: number,
): Reply | null {
  const seen = new Set(existing.map((n) => `${n.address}:${n.port}`));
  for (const node of adding) {
    const key = `${node.address}:${node.port}`;
    if (seen.has(key)) return clbError(422, CLB_TEXTS.duplicateNodes);
    seen.add(key);
  }
  if (existing.length + adding.length > limit) return clbError(413, CLB_TEXTS.nodeLimit(limit));
  return null;
}

export interface NodeUpdate {
  readonly condition?: string;
  readonly type?: string;
  readonly weight?: number;
}

/** Parses a node PUT: exactly `{"node": {condition?, weight?, type?}}`. */
export function parseNodeUpdate(body: unknown): { ok: true; update: NodeUpdate } | { ok: false; reply: Reply } {
  if (!isRecord(body) || Object.keys(body).length !== 1 || !isRecord(body['node'])) {
    return { ok: false, reply: clbSchemaError() };
  }
  const node = body['node'];
  const immutable: string[] = [];
  if ('address' in node) immutable.push(CLB_TEXTS.ipImmutable);
  if ('port' in node) immutable.push(CLB_TEXTS.portImmutable);
  if ('id' in node) immutable.push(CLB_TEXTS.idImmutable);
  const allowed = new Set(['condition', 'type', 'weight', 'address', 'port', 'id']);
  if (Object.keys(node).some((key) => !allowed.has(key))) return { ok: false, reply: clbSchemaError() };
  const { condition, type, weight } = node;
  if (condition !== undefined && !(NODE_CONDITIONS as readonly unknown[]).includes(condition)) {
    return { ok: false, reply: clbSchemaError() };
  }
  if (type !== undefined && !(NODE_TYPES as readonly unknown[]).includes(type))
    return { ok: false, reply: clbSchemaError() };
  if (weight !== undefined && !Number.isInteger(weight)) return { ok: false, reply: clbSchemaError() };
  if (weight !== undefined && !isWeight(weight)) immutable.push(CLB_TEXTS.weightRange);
  if (immutable.length > 0) return { ok: false, reply: clbValidationError(immutable) };
  return {
    ok: true,
    update: {
      ...(typeof condition === 'string' ? { condition } : {}),
      ...(typeof type === 'string' ? { type } : {}),
      ...(typeof weight === 'number' ? { weight } : {}),
    },
  };
}
