/**
 * Validation of `POST /loadbalancers` (pure). Beyond mimic: missing or bad fields are a 400 "Validation
 * Failure" listing every problem, never a 500.
 */
import { isRecord } from '../http/body.js';
import type { Reply } from '../http/reply.js';
import { clbValidationError } from './clb-errors.js';
import type { NodeInput } from './node-rules.js';
import { nodeProblems, toNodeInput } from './node-rules.js';

export const LB_PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'TCP',
  'TCP_CLIENT_FIRST',
  'UDP',
  'UDP_STREAM',
  'DNS_TCP',
  'DNS_UDP',
  'FTP',
  'IMAPS',
  'IMAPv4',
  'LDAP',
  'LDAPS',
  'MYSQL',
  'POP3',
  'POP3S',
  'SFTP',
  'SMTP',
] as const;
export const LB_ALGORITHMS = [
  'RANDOM',
  'ROUND_ROBIN',
  'LEAST_CONNECTIONS',
  'WEIGHTED_ROUND_ROBIN',
  'WEIGHTED_LEAST_CONNECTIONS',
] as const;

export type VipRequest = { readonly type: 'PUBLIC' | 'SERVICENET' } | { readonly id: number };

export interface LbCreateInput {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly algorithm: string;
  readonly timeout: number;
  readonly halfClosed: boolean;
  readonly httpsRedirect: boolean;
  readonly connectionLogging: boolean;
  readonly virtualIps: readonly VipRequest[];
  readonly metadata: readonly { key: string; value: string }[];
  readonly nodes: readonly NodeInput[];
}

const within = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

function parseVips(value: unknown, problems: string[]): VipRequest[] {
  if (value === undefined) return [{ type: 'PUBLIC' }];
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('Must provide at least one virtual ip');
    return [];
  }
  const vips: VipRequest[] = [];
  for (const vip of value) {
    if (isRecord(vip) && (vip['type'] === 'PUBLIC' || vip['type'] === 'SERVICENET')) vips.push({ type: vip['type'] });
    else if (isRecord(vip) && Number.isInteger(vip['id'])) vips.push({ id: vip['id'] as number });
    else problems.push('virtualIps: each must have a type of PUBLIC or SERVICENET, or an id');
  }
  return vips;
}

function parseMetadata(value: unknown, problems: string[]): { key: string; value: string }[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    !value.every((m) => isRecord(m) && typeof m['key'] === 'string' && typeof m['value'] === 'string')
  ) {
    problems.push('metadata must be a list of {key, value} strings');
    return [];
  }
  return value.map((m: Record<string, string>) => ({ key: m['key'] ?? '', value: m['value'] ?? '' }));
}

export function parseLbCreate(body: unknown): { ok: true; input: LbCreateInput } | { ok: false; reply: Reply } {
  if (!isRecord(body) || !isRecord(body['loadBalancer'])) {
    return { ok: false, reply: clbValidationError(['Must provide a loadBalancer object']) };
  }
  const lb = body['loadBalancer'];
  const problems: string[] = [];
  const { name, protocol, port, algorithm, timeout, nodes } = lb;
  if (typeof name !== 'string' || name === '' || name.length > 128)
    problems.push('Must provide a valid name (1-128 characters)');
  if (typeof protocol !== 'string' || !(LB_PROTOCOLS as readonly string[]).includes(protocol)) {
    problems.push('Must provide a valid protocol');
  }
  if (port !== undefined && !within(port, 1, 65535)) problems.push('Port must be an integer from 1 to 65535');
  if (algorithm !== undefined && !(LB_ALGORITHMS as readonly unknown[]).includes(algorithm))
    problems.push('Invalid algorithm');
  if (timeout !== undefined && !within(timeout, 1, 120)) problems.push('Timeout must be an integer from 1 to 120');
  for (const key of ['halfClosed', 'httpsRedirect'] as const) {
    if (lb[key] !== undefined && typeof lb[key] !== 'boolean') problems.push(`${key} must be a boolean`);
  }
  const logging = lb['connectionLogging'];
  if (logging !== undefined && !(isRecord(logging) && typeof logging['enabled'] === 'boolean')) {
    problems.push('connectionLogging must be {"enabled": boolean}');
  }
  let nodeInputs: NodeInput[] = [];
  if (nodes !== undefined) {
    if (!Array.isArray(nodes)) problems.push('nodes must be a list');
    else {
      problems.push(...nodes.flatMap((node, index) => nodeProblems(node, index)));
      nodeInputs = nodes.filter(isRecord).map(toNodeInput);
    }
  }
  const virtualIps = parseVips(lb['virtualIps'], problems);
  const metadata = parseMetadata(lb['metadata'], problems);
  if (problems.length > 0) return { ok: false, reply: clbValidationError(problems) };
  const proto = protocol as string;
  return {
    ok: true,
    input: {
      name: name as string,
      protocol: proto,
      port: (port as number | undefined) ?? (proto === 'HTTPS' ? 443 : 80),
      algorithm: (algorithm as string | undefined) ?? 'RANDOM',
      timeout: (timeout as number | undefined) ?? 30,
      halfClosed: lb['halfClosed'] === true,
      httpsRedirect: lb['httpsRedirect'] === true,
      connectionLogging: isRecord(logging) && logging['enabled'] === true,
      virtualIps,
      metadata,
      nodes: nodeInputs,
    },
  };
}
