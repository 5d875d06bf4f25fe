import type { RequestFunction } from '../../../shared/request/request-fn.js';
import { ApiError } from '../../../shared/request/api-error.js';
import type { HttpResponse, ServiceRequest } from '../../../shared/request/service-request.js';

interface FakeServer {
  id: string;
  name: string;
  metadata: Record<string, string>;
  /** GETs of the server that still show BUILD. */
  buildPolls: number;
  deleted: boolean;
}

/**
 * A scripted Nova behind the request function's contract: create, list by name, get (BUILD for a few
 * polls, then ACTIVE), delete. Error statuses are thrown as ApiError, as the real request function does.
 * `requests` records every call as `METHOD path`.
 */
export class FakeNova {
  readonly servers = new Map<string, FakeServer>();
  readonly requests: string[] = [];
  /** Tenants the "auth service" does not know: their calls fail as the request function's would. */
  readonly unknownTenants = new Set<string>();
  private next = 1;

  constructor(private readonly buildPolls = 1) {}

  readonly request: RequestFunction = (tenantId, request) => {
    this.requests.push(`${request.method} ${request.path.join('/')}`);
    if (this.unknownTenants.has(tenantId)) {
      return Promise.reject(new (class extends Error {})('unknown tenant'));
    }
    const response = this.answer(request);
    if (!request.okStatus.includes(response.status)) {
      return Promise.reject(
        new ApiError({
          status: response.status,
          method: request.method,
          url: `http://nova/${request.path.join('/')}`,
          body: response.body,
          headers: {},
        }),
      );
    }
    return Promise.resolve(response);
  };

  live(): FakeServer[] {
    return [...this.servers.values()].filter((s) => !s.deleted);
  }

  private answer(request: ServiceRequest): HttpResponse {
    const [root, id] = request.path;
    if (root !== 'servers') return reply(404, { itemNotFound: { message: 'no route' } });
    if (request.method === 'POST') {
      const body = request.json as { server: { name: string; metadata?: Record<string, string> } };
      const server: FakeServer = {
        id: `srv-${this.next++}`,
        name: body.server.name,
        metadata: body.server.metadata ?? {},
        buildPolls: this.buildPolls,
        deleted: false,
      };
      this.servers.set(server.id, server);
      return reply(202, { server: { id: server.id } });
    }
    if (request.method === 'GET' && id === 'detail') {
      const name = String(request.query?.['name'] ?? '');
      return reply(200, {
        servers: this.live()
          .filter((s) => s.name.includes(name))
          .map((s) => this.view(s)),
      });
    }
    const server = id === undefined ? undefined : this.servers.get(id);
    if (server === undefined || server.deleted)
      return reply(404, { itemNotFound: { message: 'Instance could not be found' } });
    if (request.method === 'DELETE') {
      server.deleted = true;
      return reply(204, null);
    }
    const view = this.view(server);
    if (server.buildPolls > 0) server.buildPolls -= 1;
    return reply(200, { server: view });
  }

  private view(server: FakeServer): Record<string, unknown> {
    return {
      id: server.id,
      name: server.name,
      status: server.buildPolls > 0 ? 'BUILD' : 'ACTIVE',
      metadata: server.metadata,
      addresses: { private: [{ addr: '10.180.1.2', version: 4 }] },
    };
  }
}

function reply(status: number, body: unknown): HttpResponse {
  return { status, headers: {}, body };
}
