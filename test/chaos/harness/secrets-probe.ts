import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AUTH_MESSAGE_TYPES } from '../../../shared/messages/auth-messages.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import { buildNeedles, scanText, type Secret, type SecretHit, type SecretPattern } from '../core/secret-scan.js';
import { httpGet } from './http-probe.js';
import { SERVICE_NAMES } from './kelp-stack.js';
import type { ScenarioEnv } from './scenario-env.js';

/** Tokens the simulator issues look like this (services/cloud-sim/src/identity/identity-state.ts). */
export const SIM_TOKEN_PATTERN: SecretPattern = {
  label: 'simulator-issued token',
  pattern: /\b(?:tok|imp)-[0-9a-f]{32}\b/,
};

/** Saves /metrics, /readyz and /healthz of every service under `<logDir>/http/`; returns the files. */
export async function captureHealthBodies(env: ScenarioEnv, tag: string): Promise<string[]> {
  const dir = `${env.logDir}/http`;
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const name of SERVICE_NAMES) {
    for (const path of ['metrics', 'readyz', 'healthz']) {
      const response = await httpGet(`${env.stack.healthUrl(name)}/${path}`);
      const file = `${dir}/${name}-${path}-${tag}.txt`;
      writeFileSync(file, response === null ? '(no answer)' : `${response.status}\n${response.body}`);
      files.push(file);
    }
  }
  return files;
}

/**
 * The tokens Kelp actually uses: asks the auth service for each tenant's token over its RPC queue, as the
 * other services do (the answer is its cached token). Values never leave memory.
 */
export async function currentTokens(env: ScenarioEnv): Promise<Secret[]> {
  const secrets: Secret[] = [];
  for (const tenant of env.tenants) {
    const envelope = buildEnvelope(
      {
        type: AUTH_MESSAGE_TYPES.getToken,
        tenantId: tenant.tenantId,
        jobId: `chaos-token-${randomUUID()}`,
        payload: { tenantId: tenant.tenantId },
      },
      randomUUID(),
      new Date(),
    );
    const reply = (await env.tools.call(
      'kelp.auth.rpc',
      Buffer.from(JSON.stringify(envelope)),
      envelope.id,
      10_000,
    )) as {
      payload?: { token?: unknown };
    };
    const token = reply.payload?.token;
    if (typeof token === 'string') secrets.push({ label: `token of tenant ${tenant.tenantId}`, value: token });
  }
  return secrets;
}

export interface ScanReport {
  readonly hits: readonly SecretHit[];
  readonly scannedFiles: number;
  readonly scannedBytes: number;
  readonly unscannable: readonly string[];
}

export function scanFiles(
  files: readonly string[],
  secrets: readonly Secret[],
  patterns: readonly SecretPattern[],
): ScanReport {
  const needles = buildNeedles(secrets);
  const hits: SecretHit[] = [];
  let scannedBytes = 0;
  let scannedFiles = 0;
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    scannedBytes += text.length;
    scannedFiles += 1;
    hits.push(...scanText(file.split('/').slice(-2).join('/'), text, needles, patterns));
  }
  return { hits, scannedFiles, scannedBytes, unscannable: needles.unscannable };
}
