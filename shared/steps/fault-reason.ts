import type { Fault } from './fault.js';
import { errorReason, stepResult, userReason, type Reason, type StepResult } from './step-result.js';

/**
 * User-visible texts (otter `convergence/errors.py`, otter-behaviour §6.14). Faults outside this table
 * become operator-only reasons, which users see as "Unknown error occurred".
 */
export interface FaultContext {
  readonly lbId?: string;
  readonly nodeId?: string;
}

export const noSuchClbText = (lbId: string): string => `Cloud Load Balancer does not exist: ${lbId}`;
export const clbDeletedText = (lbId: string): string => `Cloud Load Balancer is currently being deleted: ${lbId}`;
export const noSuchClbNodeText = (lbId: string, nodeId: string): string =>
  `Node ${nodeId} of Cloud Load Balancer ${lbId} does not exist`;
export const clbNodeLimitText = (lbId: string, limit: number): string =>
  `Cannot create more than ${limit} nodes in Cloud Load Balancer ${lbId}`;
export const clbHealthInfoNotFoundText = (lbId: string): string =>
  `Could not find health monitor configuration of Cloud Load Balancer ${lbId}`;
export const createServerConfigurationText = (message: string): string =>
  `Server launch configuration is invalid: ${message}`;
export const createServerOverQuotaText = (message: string): string => `Servers cannot be created: ${message}`;
export const noSuchEndpointText = (serviceName: string): string =>
  `Could not locate service ${serviceName} in the service catalog. Please check if your account is still active.`;

function userText(fault: Fault, ctx: FaultContext): string | undefined {
  const lbId = ctx.lbId ?? '?';
  switch (fault.error) {
    case 'NoSuchCLBError':
      return noSuchClbText(lbId);
    case 'CLBDeletedError':
      return clbDeletedText(lbId);
    case 'NoSuchCLBNodeError':
      return noSuchClbNodeText(lbId, ctx.nodeId ?? '?');
    case 'CLBNodeLimitError':
      return fault.nodeLimit === undefined ? undefined : clbNodeLimitText(lbId, fault.nodeLimit);
    case 'CreateServerConfigurationError':
      return createServerConfigurationText(fault.message);
    case 'CreateServerOverQuoteError':
      return createServerOverQuotaText(fault.message);
    default:
      return undefined;
  }
}

function faultDetail(fault: Fault, ctx: FaultContext): NonNullable<Reason['detail']> {
  return {
    ...(fault.status === undefined ? {} : { status: fault.status }),
    ...(ctx.lbId === undefined ? {} : { lbId: ctx.lbId }),
    ...(ctx.nodeId === undefined ? {} : { nodeId: ctx.nodeId }),
    ...(fault.nodeLimit === undefined ? {} : { nodeLimit: fault.nodeLimit }),
    ...(fault.nodeIds === undefined ? {} : { nodeIds: [...fault.nodeIds] }),
  };
}

/** The reason for a fault: the user text when §6.14 has one, otherwise an operator-only text. */
export function faultReason(fault: Fault, ctx: FaultContext = {}): Reason {
  const detail = { ...faultDetail(fault, ctx), message: fault.message };
  const text = userText(fault, ctx);
  return text === undefined
    ? errorReason(fault.error, `${fault.error}: ${fault.message}`, detail)
    : userReason(text, fault.error, detail);
}

/** The result for a step whose service has no endpoint in the tenant's catalog (terminal, user-visible). */
export function noSuchEndpointResult(serviceName: string): StepResult {
  return stepResult('failure', [userReason(noSuchEndpointText(serviceName), 'NoSuchEndpoint', { serviceName })]);
}
