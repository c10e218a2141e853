/** Injection tokens of the analytics-sink app. */
export const SINK_ENV = Symbol('SINK_ENV');
export const SQL_EXECUTOR = Symbol('SQL_EXECUTOR');
export const ANALYTICS_SINK = Symbol('ANALYTICS_SINK');
