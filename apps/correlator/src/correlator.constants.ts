/** Injection tokens of the correlator app. */
export const CORRELATOR_ENV = Symbol('CORRELATOR_ENV');

/** Changelog key of a partition's progress record (never an entity id: those contain a colon after a kind). */
export const PROGRESS_KEY = '__progress__';
