import type { z } from 'zod';
import type { DashboardContext } from './dashboard-context';
import { parseFilter } from './dashboard-filters';

/**
 * A dashboard query named `name`: its input is validated against `schema` (DashboardFilterError naming the query and
 * every problem) before `run` sees the parsed filter.
 */
export function dashboardQuery<Schema extends z.ZodType, Result>(
  name: string,
  schema: Schema,
  run: (context: DashboardContext, filter: z.infer<Schema>) => Promise<Result>,
): (context: DashboardContext, input: z.input<Schema>) => Promise<Result> {
  // async: an invalid filter rejects the returned promise, it never throws at the call.
  return async (context, input) => run(context, parseFilter(name, schema, input));
}
