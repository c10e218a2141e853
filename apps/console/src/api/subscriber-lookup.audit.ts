import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SubscriberPseudonymizer } from '@vigil/analytics';
import type { Session } from '../auth/session-tokens';
import { SUBSCRIBER_PSEUDONYMIZER } from '../console.constants';
import { consoleMetrics } from '../console.metrics';

/**
 * Every lookup of a subscriber by number leaves an audit line: who, with which role, the keyed hash of the number
 * (never the number: the log is read by more people than the lookup is for), which route and when.
 */
@Injectable()
export class SubscriberLookupAudit {
  private readonly logger = new Logger('SubscriberLookupAudit');

  constructor(@Inject(SUBSCRIBER_PSEUDONYMIZER) private readonly pseudonyms: SubscriberPseudonymizer) {}

  record(session: Session, msisdn: string, route: 'alerts' | 'timeline' | 'signal-checks'): void {
    consoleMetrics.lookups.inc({ route });
    this.logger.log({
      msg: 'subscriber lookup',
      user: session.name,
      role: session.role,
      numberHash: this.pseudonyms.hashNumber(msisdn),
      route,
      at: new Date().toISOString(),
    });
  }
}
