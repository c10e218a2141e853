import { makeRecords } from './ingest-inprocess';

/** A raw record of the bench mix, by the key of its input topic in a pipeline's `topics`. */
export type Template = { topic: 'sms' | 'calls' | 'payments'; value: Record<string, unknown> };

const TOPIC_KEYS = {
  'telco.sms.v1': 'sms',
  'telco.calls.v1': 'calls',
  'telco.payments.v1': 'payments',
} as const;

/** The bench mix (`makeRecords`) as templates to re-stamp. */
export function templates(): Template[] {
  return makeRecords().map(({ topic, bytes }) => ({
    topic: TOPIC_KEYS[topic],
    value: JSON.parse(bytes.toString('utf8')) as Record<string, unknown>,
  }));
}

/** A template re-stamped with a fresh id and a given event time (current unless a backlog's), so nothing is a duplicate. */
export function fresh(
  template: Template,
  seq: number,
  nowIso: string,
): { topic: Template['topic']; value: string } {
  const value: Record<string, unknown> = {
    ...template.value,
    eventId: `${String(template.value.eventId)}-${seq}`,
  };
  if ('startedAt' in value) value.startedAt = nowIso;
  else value.occurredAt = nowIso;
  return { topic: template.topic, value: JSON.stringify(value) };
}
