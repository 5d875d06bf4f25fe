import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import { classify, replay } from '../../../shared/steps/run-step.js';
import type { DeleteServer, SetMetadataItemOnServer } from '../../../shared/steps/step.js';
import { novaBody, response, summary, transportError } from './outcomes.js';

const del: DeleteServer = { type: 'DeleteServer', serverId: 's1' };
const server = (taskState: string | null, status = 'ACTIVE') => ({
  server: { id: 's1', status, 'OS-EXT-STS:task_state': taskState },
});

const DELETE_CASES: readonly [string, readonly RequestOutcome[], number, unknown][] = [
  [
    'DELETE 404 is done without verifying',
    [response(404, novaBody('itemNotFound', 404, 'Instance could not be found'))],
    1,
    { status: 'retry', done: true, user: [], errors: [null] },
  ],
  [
    'DELETE 204 then GET 404 is done',
    [response(204), response(404)],
    2,
    { status: 'retry', done: true, user: [], errors: [null] },
  ],
  [
    'DELETE 204 then task_state deleting is done',
    [response(204), response(200, server(' Deleting '))],
    2,
    { status: 'retry', done: true, user: [], errors: [null] },
  ],
  [
    'DELETE 204 then status DELETED is done',
    [response(204), response(200, server(null, 'DELETED'))],
    2,
    { status: 'retry', done: true, user: [], errors: [null] },
  ],
  [
    'DELETE 204 then a server still there retries',
    [response(204), response(200, server(null))],
    2,
    { status: 'retry', done: false, user: [], errors: ['UnexpectedServerStatus'] },
  ],
  [
    'DELETE 204 then GET 500 retries',
    [response(204), response(500, novaBody('computeFault', 500, 'x'))],
    2,
    { status: 'retry', done: false, user: [], errors: ['NovaComputeFaultError'] },
  ],
  [
    'DELETE 500 with an empty body retries',
    [response(500)],
    1,
    { status: 'retry', done: false, user: [], errors: ['APIError'] },
  ],
  [
    'DELETE 400 retries (DeleteServer never fails)',
    [response(400, novaBody('badRequest', 400, 'no'))],
    1,
    { status: 'retry', done: false, user: [], errors: ['APIError'] },
  ],
  [
    'DELETE 200 is not a success status and retries',
    [response(200)],
    1,
    { status: 'retry', done: false, user: [], errors: ['APIError'] },
  ],
  [
    'a transport error on the GET retries',
    [response(204), transportError()],
    2,
    { status: 'retry', done: false, user: [], errors: ['TransportError'] },
  ],
];

for (const [name, outcomes, requestCount, expected] of DELETE_CASES) {
  test(`DeleteServer: ${name}`, (t) => {
    const run = replay(del, outcomes);
    t.is(run.requests.length, requestCount);
    t.deepEqual(summary(run.result), expected);
  });
}

test('classify throws when a DeleteServer outcome sequence stops before the verify', (t) => {
  t.throws(() => classify(del, response(204)), { message: /needs more/ });
});

const meta: SetMetadataItemOnServer = { type: 'SetMetadataItemOnServer', serverId: 's1', key: 'k', value: 'v' };

const META_CASES: readonly [string, RequestOutcome, unknown][] = [
  ['200 is success', response(200, { meta: { k: 'v' } }), { status: 'success', done: true, user: [], errors: [] }],
  [
    '404 itemNotFound retries',
    response(404, novaBody('itemNotFound', 404, 'Server does not exist')),
    { status: 'retry', done: false, user: [], errors: ['NoSuchServerError'] },
  ],
  [
    '403 metadata over limit retries',
    response(403, novaBody('forbidden', 403, 'Maximum number of metadata items exceeds 40')),
    { status: 'retry', done: false, user: [], errors: ['ServerMetadataOverLimitError'] },
  ],
  [
    '400 retries (never fails)',
    response(400, novaBody('badRequest', 400, 'Malformed request body')),
    { status: 'retry', done: false, user: [], errors: ['APIError'] },
  ],
  [
    '413 overLimit retries',
    response(413, novaBody('overLimit', 413, 'slow down')),
    { status: 'retry', done: false, user: [], errors: ['NovaRateLimitError'] },
  ],
];

for (const [name, outcome, expected] of META_CASES) {
  test(`SetMetadataItemOnServer: ${name}`, (t) => {
    t.deepEqual(summary(classify(meta, outcome)), expected);
  });
}
