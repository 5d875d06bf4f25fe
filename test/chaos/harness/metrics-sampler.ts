import { metricValue } from '../core/prometheus-text.js';
import { httpGet } from './http-probe.js';

/** Samples each service's resident memory from its /metrics every `intervalMs` until stopped. */
export class MemorySampler {
  readonly first = new Map<string, number>();
  readonly peak = new Map<string, number>();
  readonly last = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private sampling = false;

  constructor(private readonly targets: ReadonlyMap<string, string>) {}

  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => {
      if (!this.sampling) void this.sample();
    }, intervalMs);
  }

  async sample(): Promise<void> {
    this.sampling = true;
    try {
      await Promise.all(
        [...this.targets].map(async ([name, baseUrl]) => {
          const response = await httpGet(`${baseUrl}/metrics`);
          const rss = response === null ? null : metricValue(response.body, 'process_resident_memory_bytes');
          if (rss === null) return;
          if (!this.first.has(name)) this.first.set(name, rss);
          this.peak.set(name, Math.max(this.peak.get(name) ?? 0, rss));
          this.last.set(name, rss);
        }),
      );
    } finally {
      this.sampling = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
  }

  /** `auth 61→88→70 MB, ...` (first → peak → last). */
  describe(): string {
    const mb = (bytes: number | undefined): string =>
      bytes === undefined ? '?' : String(Math.round(bytes / 1024 / 1024));
    return [...this.targets.keys()]
      .map((name) => `${name} ${mb(this.first.get(name))}→${mb(this.peak.get(name))}→${mb(this.last.get(name))} MB`)
      .join(', ');
  }
}
