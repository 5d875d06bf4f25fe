/**
 * CLB's route table (paths below `/v2/{tenant}`). LB and node ids must be integers (else 404).
 */
import type { ServiceRoute } from '../http/request-info.js';
import { Router } from '../http/router.js';
import {
  createLb,
  deleteHealthMonitor,
  deleteLb,
  getHealthMonitor,
  getLb,
  listLbs,
  putHealthMonitor,
} from './lb-routes.js';
import { addNodes, bulkDeleteNodes, deleteNode, getNode, listNodes, updateNode } from './node-routes.js';

const read = (handle: ServiceRoute['handle']): ServiceRoute => ({ handle });
const mutate = (handle: ServiceRoute['handle']): ServiceRoute => ({ handle, clbMutation: true });

export function createClbRouter(): Router<ServiceRoute> {
  return new Router<ServiceRoute>()
    .add('POST', '/loadbalancers', read(createLb))
    .add('GET', '/loadbalancers', read(listLbs))
    .add('GET', '/loadbalancers/{lb:int}', read(getLb))
    .add('DELETE', '/loadbalancers/{lb:int}', mutate(deleteLb))
    .add('GET', '/loadbalancers/{lb:int}/nodes', read(listNodes))
    .add('POST', '/loadbalancers/{lb:int}/nodes', mutate(addNodes))
    .add('DELETE', '/loadbalancers/{lb:int}/nodes', mutate(bulkDeleteNodes))
    .add('GET', '/loadbalancers/{lb:int}/nodes/{node:int}', read(getNode))
    .add('PUT', '/loadbalancers/{lb:int}/nodes/{node:int}', mutate(updateNode))
    .add('DELETE', '/loadbalancers/{lb:int}/nodes/{node:int}', mutate(deleteNode))
    .add('GET', '/loadbalancers/{lb:int}/healthmonitor', read(getHealthMonitor))
    .add('PUT', '/loadbalancers/{lb:int}/healthmonitor', mutate(putHealthMonitor))
    .add('DELETE', '/loadbalancers/{lb:int}/healthmonitor', mutate(deleteHealthMonitor));
}
