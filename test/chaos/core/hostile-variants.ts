import type { HostileCategory, MessageTemplate } from './hostile-input.js';
import {
  cloneRecord,
  envelopeWithRawPayload,
  injectFirstMember,
  nestedArrayText,
  replaceMarker,
  retyped,
} from './hostile-json.js';
import type { Prng } from './prng.js';

/** What a variant builds from: a valid envelope (payload from the template) and the dice. */
export interface VariantContext {
  readonly prng: Prng;
  readonly template: MessageTemplate;
  /** A valid envelope; variants work on copies. */
  readonly envelope: Readonly<Record<string, unknown>>;
  readonly oversizeBytes: number;
  readonly hasTemplates: boolean;
}

export interface Variant {
  readonly name: string;
  applies(ctx: VariantContext): boolean;
  build(ctx: VariantContext): string | Buffer;
}

const ENVELOPE_KEYS = [
  'id',
  'type',
  'version',
  'tenantId',
  'jobId',
  'correlationId',
  'causationId',
  'attempt',
  'createdAt',
  'payload',
];
/** A value of the wrong type for each typed envelope field. */
const ENVELOPE_RETYPES: readonly (readonly [string, unknown])[] = [
  ['version', '1'],
  ['attempt', '0'],
  ['tenantId', 42],
  ['createdAt', 1_700_000_000],
  ['causationId', {}],
  ['id', []],
  ['type', 7],
  ['jobId', true],
  ['correlationId', null],
];
/** Types no queue accepts (reply and event types included: a request queue must refuse them). */
const FAKE_TYPES = [
  'job.explode',
  'chaos.unknown',
  'job.launch-server.v99',
  'lb.steps',
  'job.event',
  'token',
  'auth-error',
];
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const LOG_FORGERY = 'x\n{"level":"error","message":"forged-log-line","service":"chaos"}';

const always = (): boolean => true;
const withTemplates = (ctx: VariantContext): boolean => ctx.hasTemplates && ctx.template.requiredKeys.length > 0;
const copy = (ctx: VariantContext): Record<string, unknown> => cloneRecord(ctx.envelope);
const payloadOf = (envelope: Record<string, unknown>): Record<string, unknown> =>
  envelope['payload'] as Record<string, unknown>;
const text = (envelope: Readonly<Record<string, unknown>>): string => JSON.stringify(envelope);
const requiredKey = (ctx: VariantContext): string => ctx.prng.pick(ctx.template.requiredKeys);

function mutate(ctx: VariantContext, change: (envelope: Record<string, unknown>) => void): string {
  const envelope = copy(ctx);
  change(envelope);
  return text(envelope);
}

function withPayloadMember(ctx: VariantContext, rawKeyValue: string): string {
  return envelopeWithRawPayload(ctx.envelope, injectFirstMember(JSON.stringify(ctx.envelope['payload']), rawKeyValue));
}

function variant(name: string, build: Variant['build'], applies: Variant['applies'] = always): Variant {
  return { name, applies, build };
}

export const HOSTILE_VARIANTS: Readonly<Record<HostileCategory, readonly Variant[]>> = {
  'invalid-json': [
    variant('truncated', (ctx) => {
      const full = text(ctx.envelope);
      return full.slice(0, 1 + ctx.prng.int(full.length - 2));
    }),
    variant('trailing-garbage', (ctx) => `${text(ctx.envelope)}}x`),
    variant('single-quotes', (ctx) => text(ctx.envelope).replaceAll('"', "'")),
    variant('unquoted-keys', (ctx) => text(ctx.envelope).replace(/"(\w+)":/g, '$1:')),
    variant('empty-body', () => ''),
    variant('byte-order-mark', (ctx) => `\uFEFF${text(ctx.envelope)}`),
    variant('comment', (ctx) => `/* chaos */${text(ctx.envelope)}`),
    variant('invalid-utf8', (ctx) =>
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, ...Array.from({ length: 32 }, () => ctx.prng.int(256))]),
    ),
  ],
  'wrong-schema': [
    variant('missing-envelope-field', (ctx) => mutate(ctx, (e) => delete e[ctx.prng.pick(ENVELOPE_KEYS)])),
    variant('extra-envelope-field', (ctx) => mutate(ctx, (e) => (e['extra'] = 'unexpected'))),
    variant('envelope-not-object', (ctx) =>
      JSON.stringify(ctx.prng.pick([[ctx.envelope], 'envelope', 42, null, true])),
    ),
    variant('missing-payload-field', (ctx) => mutate(ctx, (e) => delete payloadOf(e)[requiredKey(ctx)]), withTemplates),
    variant('extra-payload-field', (ctx) => mutate(ctx, (e) => (payloadOf(e)['unexpected'] = 1)), withTemplates),
    variant(
      'payload-not-object',
      (ctx) => mutate(ctx, (e) => (e['payload'] = ctx.prng.pick([null, [], 'payload', 5]))),
      withTemplates,
    ),
    // 100 four-byte characters: a valid envelope id, but 400 bytes in a `job.<id>.<event>` routing key
    // (AMQP caps routing keys at 255 bytes).
    variant(
      'multibyte-job-id-missing-field',
      (ctx) =>
        mutate(ctx, (e) => {
          e['jobId'] = '\u{1F4A5}'.repeat(100);
          delete payloadOf(e)[requiredKey(ctx)];
        }),
      withTemplates,
    ),
  ],
  'wrong-types': [
    variant('envelope-field-type', (ctx) =>
      mutate(ctx, (e) => {
        const [key, value] = ctx.prng.pick(ENVELOPE_RETYPES);
        e[key] = value;
      }),
    ),
    variant(
      'payload-field-type',
      (ctx) =>
        mutate(ctx, (e) => {
          const key = requiredKey(ctx);
          payloadOf(e)[key] = retyped(payloadOf(e)[key]);
        }),
      withTemplates,
    ),
  ],
  oversize: [
    variant('padded-payload', (ctx) => mutate(ctx, (e) => (payloadOf(e)['padding'] = 'A'.repeat(ctx.oversizeBytes)))),
    variant('trailing-whitespace', (ctx) => `${text(ctx.envelope)}${' '.repeat(ctx.oversizeBytes)}`),
    variant('long-id', (ctx) => mutate(ctx, (e) => (e['id'] = 'i'.repeat(ctx.oversizeBytes)))),
  ],
  'unknown-type': [
    variant('fake-name', (ctx) =>
      mutate(ctx, (e) => (e['type'] = ctx.prng.pick(FAKE_TYPES.filter((type) => type !== ctx.template.type)))),
    ),
    variant('prototype-name', (ctx) => mutate(ctx, (e) => (e['type'] = ctx.prng.pick(PROTOTYPE_NAMES)))),
    variant('case-changed', (ctx) => mutate(ctx, (e) => (e['type'] = ctx.template.type.toUpperCase()))),
    variant('trailing-space', (ctx) => mutate(ctx, (e) => (e['type'] = `${ctx.template.type} `))),
  ],
  'prototype-keys': [
    variant('envelope-proto', (ctx) =>
      injectFirstMember(text(ctx.envelope), '"__proto__":{"polluted":true,"isAdmin":true}'),
    ),
    variant('envelope-constructor', (ctx) =>
      injectFirstMember(text(ctx.envelope), '"constructor":{"prototype":{"polluted":true}}'),
    ),
    variant('payload-proto', (ctx) => withPayloadMember(ctx, '"__proto__":{"polluted":true}')),
    variant('payload-constructor', (ctx) => withPayloadMember(ctx, '"constructor":{"prototype":{"polluted":true}}')),
    variant('payload-prototype', (ctx) => withPayloadMember(ctx, '"prototype":{"polluted":true}')),
    variant('proto-supplies-tenant', (ctx) => {
      const envelope = copy(ctx);
      const tenantId = envelope['tenantId'];
      delete envelope['tenantId'];
      return injectFirstMember(text(envelope), `"__proto__":${JSON.stringify({ tenantId })}`);
    }),
  ],
  'huge-array': [
    variant(
      'array-in-required-key',
      (ctx) => mutate(ctx, (e) => (payloadOf(e)[requiredKey(ctx)] = new Array<number>(100_000).fill(0))),
      withTemplates,
    ),
    variant('array-payload', (ctx) => mutate(ctx, (e) => (e['payload'] = Array.from({ length: 50_000 }, () => ({}))))),
    variant('array-of-envelopes', (ctx) => JSON.stringify(new Array<unknown>(2_000).fill(ctx.envelope))),
    variant('deep-nesting', (ctx) => {
      const depth = 5_000 + ctx.prng.int(5_000);
      const envelope = copy(ctx);
      const payload = payloadOf(envelope);
      const anyJson = ctx.template.anyJsonKeys ?? [];
      const droppable = ctx.template.requiredKeys.filter((key) => !anyJson.includes(key));
      if (anyJson.length > 0 && droppable.length > 0) {
        // Invalid anyway (a required key is gone), but a validator that recurses into the any-JSON key
        // must survive the depth.
        delete payload[ctx.prng.pick(droppable)];
        payload[ctx.prng.pick(anyJson)] = 'DEEP';
      } else if (ctx.template.requiredKeys.length > 0) {
        payload[requiredKey(ctx)] = 'DEEP';
      } else {
        envelope['payload'] = 'DEEP';
      }
      return replaceMarker(text(envelope), 'DEEP', nestedArrayText(depth));
    }),
  ],
  'bad-number': [
    variant('negative-version', (ctx) => mutate(ctx, (e) => (e['version'] = -1))),
    variant('zero-version', (ctx) => mutate(ctx, (e) => (e['version'] = 0))),
    variant('negative-zero-version', (ctx) => text(ctx.envelope).replace('"version":1', '"version":-0')),
    variant('fractional-version', (ctx) => mutate(ctx, (e) => (e['version'] = 1.5))),
    variant('overflow-version', (ctx) => text(ctx.envelope).replace('"version":1', '"version":1e400')),
    variant('negative-attempt', (ctx) => mutate(ctx, (e) => (e['attempt'] = -1 - ctx.prng.int(1000)))),
    variant('huge-attempt', (ctx) => mutate(ctx, (e) => (e['attempt'] = 1e21))),
    variant('nan-literal', (ctx) => text(ctx.envelope).replace('"attempt":0', '"attempt":NaN')),
    variant('infinity-literal', (ctx) => text(ctx.envelope).replace('"version":1', '"version":-Infinity')),
    variant('nan-string', (ctx) => mutate(ctx, (e) => (e['version'] = 'NaN'))),
  ],
  'control-chars': [
    variant('raw-control-in-string', (ctx) =>
      replaceMarker(
        mutate(ctx, (e) => (e['tenantId'] = 'CTRL')),
        'CTRL',
        `"t\u0001\u0000\u001b${ctx.prng.hex(4)}"`,
      ),
    ),
    variant('nul-in-type', (ctx) => mutate(ctx, (e) => (e['type'] = `${ctx.template.type}\u0000`))),
    variant('ansi-in-type', (ctx) => mutate(ctx, (e) => (e['type'] = `\u001b[31m${ctx.template.type}\u001b[0m`))),
    variant('log-forging-type', (ctx) => mutate(ctx, (e) => (e['type'] = LOG_FORGERY))),
    variant('separators-in-type', (ctx) => mutate(ctx, (e) => (e['type'] = `${ctx.template.type}\u2028\u2029\u202e`))),
    variant('control-in-created-at', (ctx) => mutate(ctx, (e) => (e['createdAt'] = `${String(e['createdAt'])}\r\n`))),
    variant('control-in-long-id', (ctx) => mutate(ctx, (e) => (e['id'] = '\u0007'.repeat(250)))),
    variant(
      'control-in-payload-key',
      (ctx) =>
        mutate(ctx, (e) => {
          const payload = payloadOf(e);
          const key = requiredKey(ctx);
          payload[`${key}\u0000`] = payload[key];
          delete payload[key];
        }),
      withTemplates,
    ),
  ],
};
