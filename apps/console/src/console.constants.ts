/** Injection tokens of the console app. */
export const CONSOLE_ENV = Symbol('CONSOLE_ENV');
export const SQL_EXECUTOR = Symbol('SQL_EXECUTOR');
export const DASHBOARD_QUERIES = Symbol('DASHBOARD_QUERIES');
export const FEEDBACK_REPOSITORY = Symbol('FEEDBACK_REPOSITORY');
export const API_KEY_REGISTRY = Symbol('API_KEY_REGISTRY');
export const SESSION_TOKENS = Symbol('SESSION_TOKENS');
export const CONSOLE_KAFKA = Symbol('CONSOLE_KAFKA');
export const SUBSCRIBER_PSEUDONYMIZER = Symbol('SUBSCRIBER_PSEUDONYMIZER');
export const BACKTEST_STORE = Symbol('BACKTEST_STORE');
export const RULE_HISTORY = Symbol('RULE_HISTORY');
export const BLOCKLIST_DECISION_REPOSITORY = Symbol('BLOCKLIST_DECISION_REPOSITORY');
export const BLOCKLIST_DECISIONS = Symbol('BLOCKLIST_DECISIONS');

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'vigil_session';
