import type { SqlExecutor } from '@vigil/clickhouse';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';

/** What every dashboard query needs: where to run, which database (quoted), how to hash a typed number. */
export interface DashboardContext {
  executor: SqlExecutor;
  /** Quoted database identifier, e.g. `` `vigil` ``. */
  database: string;
  pseudonyms: SubscriberPseudonymizer;
}
