import { z } from 'zod';
import { CLB_KEY_PREFIX, RCV3_KEY_PREFIX } from './server-metadata.js';

/** One CLB membership a server's metadata records (`rax:autoscale:lb:CloudLoadBalancer:<id>`). */
export const ClbMembershipSchema = z.object({ lbId: z.string().min(1), port: z.number().int() }).readonly();
export type ClbMembership = z.infer<typeof ClbMembershipSchema>;

/** The load balancers a server's metadata says Kelp (or otter) put it in; RCv3 pool ids lower-cased. */
export const MetadataLbsSchema = z
  .object({ clb: z.array(ClbMembershipSchema).readonly(), rcv3: z.array(z.string().min(1)).readonly() })
  .readonly();
export type MetadataLbs = z.infer<typeof MetadataLbsSchema>;

const LB_KEY = /^rax:autoscale(:[A-Za-z0-9\-_]+)+$/;
const DECIMAL = /^\d{1,19}$/;

function parseClbPorts(value: string): number[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const ports: number[] = [];
  for (const item of parsed as unknown[]) {
    const port = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['port'] : undefined;
    if (typeof port !== 'number' || !Number.isInteger(port)) return undefined;
    ports.push(port);
  }
  return ports;
}

/**
 * The load balancers recorded in a server's metadata (otter `NovaServer.desired_lbs`): a malformed CLB value
 * (bad JSON, not a list, an item without an integer `port`) or a non-decimal CLB id drops that key silently;
 * RCv3 values are ignored and pool ids lower-cased; other LB types are ignored.
 */
export function parseMetadataLbs(metadata: Readonly<Record<string, string>>): MetadataLbs {
  const clb: ClbMembership[] = [];
  const rcv3: string[] = [];
  for (const key in metadata) {
    if (!key.startsWith('rax:autoscale:lb:') || !LB_KEY.test(key)) continue;
    if (key.startsWith(CLB_KEY_PREFIX)) {
      const lbId = key.slice(CLB_KEY_PREFIX.length);
      const ports = DECIMAL.test(lbId) ? parseClbPorts(metadata[key] ?? '') : undefined;
      for (const port of ports ?? []) clb.push({ lbId, port });
    } else if (key.startsWith(RCV3_KEY_PREFIX)) {
      rcv3.push(key.slice(RCV3_KEY_PREFIX.length).toLowerCase());
    }
  }
  return { clb, rcv3 };
}
