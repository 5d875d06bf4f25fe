import { z } from 'zod';
import { StepSchema } from './step.js';
import { StepResultSchema } from './step-result.js';

/** JSON Schemas (draft 2020-12) of the step union and the step result, for docs. Built on call. */
export function stepJsonSchemas(): { readonly step: unknown; readonly stepResult: unknown } {
  return {
    step: z.toJSONSchema(StepSchema, { io: 'input' }),
    stepResult: z.toJSONSchema(StepResultSchema, { io: 'output' }),
  };
}
