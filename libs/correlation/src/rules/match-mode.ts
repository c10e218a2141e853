/**
 * How many matches of a sequence rule one scam may raise, after Flink CEP's after-match skip strategies.
 *
 * - `every_combination`: every combination of candidate events is a match (Flink's `followedByAny` with
 *   `noSkip`): two lures and two codes are four alerts. For rules whose combinations mean different things.
 * - `one_per_completing_event`: one match per rule and last event (the event that completes it in event time):
 *   forty lures and one transfer are one alert, known by that transfer (the alert id hashes it, not the lures),
 *   with the first combination that was complete as its evidence. Whatever the arrival order, the same last
 *   events alert, under the same ids. Early warnings likewise: one per event of the warning step.
 *
 * Flink's `skipPastLastEvent` (no new match from events before the last one) is left out: deciding it as events
 * arrive, instead of after the watermark has ordered them, makes which scams alert depend on arrival order.
 */
export const MATCH_MODES = ['every_combination', 'one_per_completing_event'] as const;

export type MatchMode = (typeof MATCH_MODES)[number];
