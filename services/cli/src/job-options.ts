/**
 * Builds job payloads from a JSON file and command-line flags (pure). Flags override or extend the file:
 * `--clb 10:80` and `--rcv3 <pool>` append load balancers, `--metadata k=v` adds metadata.
 */
export interface LaunchFlags {
  readonly tenant?: string;
  readonly group?: string;
  readonly flavor?: string;
  readonly image?: string;
  readonly name?: string;
  readonly metadata?: readonly string[];
  readonly network?: readonly string[];
  readonly clb?: readonly string[];
  readonly rcv3?: readonly string[];
}

export interface DeleteFlags {
  readonly tenant?: string;
  readonly group?: string;
  readonly server?: string;
}

export interface Built {
  readonly job: Record<string, unknown>;
  readonly problems: readonly string[];
}

type Obj = Record<string, unknown>;

function asObject(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Obj) } : {};
}

export function buildLaunchJob(flags: LaunchFlags, file: unknown): Built {
  const problems: string[] = [];
  if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) {
    problems.push('file: must hold a JSON object');
  }
  const job = asObject(file);
  const launchConfig = asObject(job['launchConfig']);
  const server = asObject(launchConfig['server']);
  if (flags.tenant !== undefined) job['tenantId'] = flags.tenant;
  if (flags.group !== undefined) job['groupId'] = flags.group;
  if (flags.flavor !== undefined) server['flavorRef'] = flags.flavor;
  if (flags.image !== undefined) server['imageRef'] = flags.image;
  if (flags.name !== undefined) server['name'] = flags.name;
  if (flags.metadata !== undefined && flags.metadata.length > 0) {
    const metadata = asObject(server['metadata']);
    for (const pair of flags.metadata) {
      const at = pair.indexOf('=');
      if (at <= 0) problems.push(`--metadata ${pair}: expected key=value`);
      else metadata[pair.slice(0, at)] = pair.slice(at + 1);
    }
    server['metadata'] = metadata;
  }
  if (flags.network !== undefined && flags.network.length > 0) {
    const networks = Array.isArray(server['networks']) ? [...(server['networks'] as unknown[])] : [];
    server['networks'] = [...networks, ...flags.network.map((uuid) => ({ uuid }))];
  }
  const lbs = Array.isArray(launchConfig['loadBalancers']) ? [...(launchConfig['loadBalancers'] as unknown[])] : [];
  for (const spec of flags.clb ?? []) {
    const match = /^(\d{1,19}):(\d{1,5})$/.exec(spec);
    if (match === null) problems.push(`--clb ${spec}: expected <loadBalancerId>:<port>, e.g. 1234:80`);
    else lbs.push({ type: 'CloudLoadBalancer', loadBalancerId: match[1], port: Number(match[2]) });
  }
  for (const pool of flags.rcv3 ?? []) lbs.push({ type: 'RackConnectV3', loadBalancerId: pool });
  launchConfig['server'] = server;
  launchConfig['loadBalancers'] = lbs;
  job['launchConfig'] = launchConfig;
  return { job, problems };
}

export function buildDeleteJob(flags: DeleteFlags, file: unknown): Built {
  const job = asObject(file);
  if (flags.tenant !== undefined) job['tenantId'] = flags.tenant;
  if (flags.group !== undefined) job['groupId'] = flags.group;
  if (flags.server !== undefined) job['serverId'] = flags.server;
  return { job, problems: [] };
}

/** Parses a job file's text; a problem instead of a throw when it is not JSON. */
export function parseJobFile(path: string, text: string): { readonly value?: unknown; readonly problem?: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
