/** Injection tokens of the signal service. */
export const SIGNAL_ENV = Symbol('SIGNAL_ENV');
export const SIGNAL_KAFKA = Symbol('SIGNAL_KAFKA');
export const SQL_EXECUTOR = Symbol('SQL_EXECUTOR');
export const NUMBER_PLAN = Symbol('NUMBER_PLAN');
export const SUBSCRIBER_PSEUDONYMIZER = Symbol('SUBSCRIBER_PSEUDONYMIZER');

/** The one scope a partner needs to ask. */
export const CHECK_SCOPE = 'scam-signal:check';
/** Issuer and audience of the service's access tokens. */
export const TOKEN_ISSUER = 'vigil-signal';
export const TOKEN_AUDIENCE = 'scam-signal';
export const RISK_TOPIC = Symbol('RISK_TOPIC');
/** The topics the payee's mule standing is read from (names with the environment's prefix). */
export const MULE_TOPICS = Symbol('MULE_TOPICS');
export interface MuleTopics {
  readonly blocklist: string;
  readonly proposals: string;
}
