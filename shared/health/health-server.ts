import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { evaluateReadiness, type ReadinessCheck } from './readiness.js';

export interface HealthServerOptions {
  readonly port: number;
  readonly host: string;
  readonly registry: Registry;
}

/**
 * Serves `/healthz` (the process is alive), `/readyz` (every readiness check passes; 503 otherwise, with
 * the failing check names) and `/metrics` (Prometheus text). Output never contains configuration values.
 */
export class HealthServer {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;
  private readonly server: http.Server;

  constructor(private readonly options: HealthServerOptions) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  addCheck(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** From now on `/readyz` answers 503 so load balancers and compose stop routing to this process. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    switch (path) {
      case '/healthz':
        return send(res, 200, { status: 'ok' });
      case '/readyz': {
        const report = await evaluateReadiness(this.checks, this.shuttingDown);
        return send(res, report.ready ? 200 : 503, {
          status: report.ready ? 'ready' : 'not-ready',
          checks: report.checks,
        });
      }
      case '/metrics': {
        const text = await this.options.registry.metrics();
        res.writeHead(200, { 'content-type': this.options.registry.contentType });
        res.end(text);
        return;
      }
      default:
        return send(res, 404, { error: 'not found' });
    }
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
