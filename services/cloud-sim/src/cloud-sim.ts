/**
 * `startCloudSim`: the simulator in-process, on an ephemeral (or chosen) port, with typed accessors to the
 * same operations the HTTP control API offers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../shared/logging/logger.js';
import type { Clock } from './clock.js';
import { createRealClock, createVirtualClock } from './clock.js';
import type { CloudSimOptions } from './config.js';
import { DEFAULT_ADMIN, DEFAULT_REGIONS, resolveConfig } from './config.js';
import { SimControl } from './control/sim-control.js';
import { Dispatcher } from './http/dispatch.js';

/** The simulator's typed control surface (the same operations as `/sim/...`). */
export type CloudSimControl = Omit<SimControl, 'state' | 'serviceUrl'>;

export interface CloudSim extends CloudSimControl {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** The Identity v2.0 root clients authenticate against: `<url>/identity/v2.0`. */
  readonly identityUrl: string;
  /** The catalog URL of a service for a tenant and region (what the catalog would say to a client using `url`). */
  serviceUrl(service: 'nova' | 'clb' | 'rcv3', tenantId: string, region?: string): string;
  /** The identity admin seeded at start (for impersonation). */
  readonly admin: { readonly username: string; readonly password: string; readonly apiKey: string };
  close(): Promise<void>;
}

const noop = (): void => undefined;
const SILENT: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => SILENT };

export async function startCloudSim(options: CloudSimOptions = {}): Promise<CloudSim> {
  const host = options.host ?? '127.0.0.1';
  const clock: Clock =
    options.clock === 'real' ? createRealClock() : createVirtualClock(options.clockStartMs ?? Date.now());
  const admin = { ...DEFAULT_ADMIN, ...options.admin };
  const regions = options.regions ?? DEFAULT_REGIONS;
  const control = new SimControl(
    {
      seed: options.seed ?? 'kelp',
      config: resolveConfig(options),
      regions,
      decoys: options.catalogDecoys ?? true,
      admin,
      tenants: options.tenants ?? [],
    },
    clock,
  );
  let address = `${host}:0`;
  const logger = options.logger ?? SILENT;
  const dispatcher = new Dispatcher(control, clock, logger, () => address);
  const server = createServer({ keepAliveTimeout: 30_000 }, dispatcher.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = `http://${address}`;
  logger.info('cloud-sim-listening', { url, clock: clock.mode, regions });
  const defaultRegion = regions[0] ?? 'ORD';
  const sim: CloudSim = {
    ...bindControl(control),
    url,
    port,
    identityUrl: `${url}/identity/v2.0`,
    admin,
    serviceUrl: (service, tenantId, region = defaultRegion) => control.serviceUrl(url, service, region, tenantId),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
  return sim;
}

function bindControl(control: SimControl): CloudSimControl {
  return {
    reset: () => control.reset(),
    seedTenant: control.seedTenant,
    seedAdmin: control.seedAdmin,
    seedImage: control.seedImage,
    seedPool: control.seedPool,
    seedLoadBalancer: control.seedLoadBalancer,
    addNovaBehaviour: control.addNovaBehaviour,
    removeNovaBehaviour: control.removeNovaBehaviour,
    addIdentityBehaviour: control.addIdentityBehaviour,
    removeIdentityBehaviour: control.removeIdentityBehaviour,
    failServerDeletes: control.failServerDeletes,
    addFault: control.addFault,
    removeFault: control.removeFault,
    listFaults: control.listFaults,
    clearFaults: control.clearFaults,
    deleteServer: control.deleteServer,
    setServerStatus: control.setServerStatus,
    deleteLoadBalancer: control.deleteLoadBalancer,
    setLoadBalancerStatus: control.setLoadBalancerStatus,
    removeClbNode: control.removeClbNode,
    setClbNodeStatus: control.setClbNodeStatus,
    setPoolStatus: control.setPoolStatus,
    expireTokens: control.expireTokens,
    config: control.config,
    configure: control.configure,
    inventory: control.inventory,
    counters: control.counters,
    resetCounters: control.resetCounters,
    now: control.now,
    clockInfo: control.clockInfo,
    advanceClock: control.advanceClock,
  };
}
