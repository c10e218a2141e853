import type { ChangelogTable, PartitionChangelog } from '@vigil/kafka';
import { PROGRESS_KEY } from './correlator.constants';
import { decodeProgress, type PartitionProgress } from './partition-progress';

/** The state one changelog partition holds: the latest bytes per entity and the progress record. */
export interface RestoredPartition {
  entities: Map<string, Buffer>;
  progress: PartitionProgress;
}

/** The correlator's partition changelog (`vigil.correlator-state.v1`). */
export type CorrelatorChangelog = PartitionChangelog<RestoredPartition>;

/** Entity states by entity id, a tombstone when an entity's state empties; the progress record under its own key. */
export const correlatorChangelogTable: ChangelogTable<RestoredPartition> = {
  empty: () => ({
    entities: new Map(),
    progress: { inputOffset: null, maxEventTimeMs: null, sources: null },
  }),
  apply: (restored, key, value) => {
    if (key === PROGRESS_KEY) {
      if (value) restored.progress = decodeProgress(value);
    } else if (value === null) {
      restored.entities.delete(key);
    } else {
      restored.entities.set(key, value);
    }
  },
};
