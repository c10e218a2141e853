// In-process ingest benchmark: raw JSON bytes of mixed SMS / call / payment traffic through
// deserialize + validate + normalize + SMS feature extraction, on one core (no Kafka, no I/O).
import { resolve } from 'node:path';
import { CALLS_TOPIC, fixedClock, type InputTopic, PAYMENTS_TOPIC, SMS_TOPIC } from '@vigil/contracts';
import { loadIngestConfig, toEntityEvents, validateRawEvent } from '@vigil/ingest';

const CONFIG_DIR = resolve(__dirname, '../../config/ingest');
const DISTINCT_RECORDS = 20_000;
const WARMUP_MS = 1_000; // 1 s
const MEASURE_MS = 5_000; // 5 s
const NOW_MS = Date.parse('2025-06-01T12:00:00Z');

// Real-looking traffic in three languages: lures, benign OTPs and notices, phishing links, plain chat.
const SMS_TEXTS = [
  'Поздравляем! Вы выиграли iPhone 15 в розыгрыше. Для получения приза пополните баланс на 5000 тг',
  'Вам пришло голосовое сообщение. Чтобы прослушать, отправьте SMS на номер 7750 с текстом 1234',
  'Ваш код подтверждения: 482193. Никому не сообщайте его',
  'Kcell: участвуйте в розыгрыше призов! Подробности на kcell.kz/promo',
  'Сіз ұтыс ойынында жүлде ұттыңыз! Сыйлықты алу үшін kce11-priz . top сайтына өтіңіз',
  'Растау коды: 4821. Ешкімге айтпаңыз',
  'Your friend has left a comment on your photos on www.photo-view.xyz Follow this link to read it',
  'Dear user! You are required to activate your number. Send an SMS to short num 4161 with the text 5555',
  'Привет, я буду дома через 20 минут, купи хлеба пожалуйста',
  'Сәлем! Кешке қоңырау шаламын, жұмыстан кейін кездесейік',
  'See you at 7, the table is booked under my name',
  'Virus is found in your phone. To eliminate it send a message to number 4444 with the text 77',
];
const SENDERS = ['77011234567', '77759876543', '7575', 'KaspiBank', 'Kcell', '2000', '79161234567', 'INFO'];

function msisdn(i: number): string {
  return `7701${String(1_000_000 + (i % 9_000_000)).padStart(7, '0')}`;
}

/** Mixed raw operator records (SMS in three languages, calls, payments) for throughput benchmarks. */
export function makeRecords(): Array<{ topic: InputTopic; bytes: Buffer }> {
  const records: Array<{ topic: InputTopic; bytes: Buffer }> = [];
  const at = new Date(NOW_MS - 60_000).toISOString();
  for (let i = 0; i < DISTINCT_RECORDS; i++) {
    const kind = i % 10;
    if (kind < 5) {
      const sms = {
        eventId: `sms-${i}`,
        occurredAt: at,
        sender: SENDERS[i % SENDERS.length],
        recipient: msisdn(i),
        text: SMS_TEXTS[i % SMS_TEXTS.length],
      };
      records.push({ topic: SMS_TOPIC, bytes: Buffer.from(JSON.stringify(sms)) });
    } else if (kind < 8) {
      const call = {
        eventId: `call-${i}`,
        startedAt: at,
        caller: i % 3 === 0 ? '+7 (775) 987-65-43' : msisdn(i + 7),
        callee: msisdn(i),
        answered: i % 2 === 0,
        durationSec: i % 300,
      };
      records.push({ topic: CALLS_TOPIC, bytes: Buffer.from(JSON.stringify(call)) });
    } else {
      const type = (['topup', 'transfer', 'premium_charge'] as const)[i % 3];
      const payment = {
        eventId: `pay-${i}`,
        occurredAt: at,
        type,
        msisdn: msisdn(i),
        ...(type === 'topup'
          ? { cardToken: `tok_${i % 500}` }
          : { counterparty: type === 'transfer' ? msisdn(i + 3) : '7750' }),
        amount: 1000 + (i % 50) * 100,
        currency: 'KZT',
        channel: type === 'topup' ? 'bank_card' : type === 'transfer' ? 'transfer' : 'content_provider',
      };
      records.push({ topic: PAYMENTS_TOPIC, bytes: Buffer.from(JSON.stringify(payment)) });
    }
  }
  return records;
}

/** Runs the benchmark (about 6 s) and returns raw events processed per second on this core. */
export async function benchIngestInProcess(): Promise<{
  inProcessEventsPerSec: number;
  entityEventsPerSec: number;
}> {
  const config = loadIngestConfig(CONFIG_DIR);
  const clock = fixedClock(NOW_MS);
  const options = { config, clock };
  const records = makeRecords();

  const run = (durationMs: number): { events: number; outputs: number; elapsedMs: number } => {
    const start = performance.now();
    let events = 0;
    let outputs = 0;
    while (performance.now() - start < durationMs) {
      for (const record of records) {
        const result = validateRawEvent(record.topic, record.bytes, options);
        if (!result.ok)
          throw new Error(`bench record rejected: ${result.rejection.code} ${result.rejection.reason}`);
        outputs += toEntityEvents(result.value, options).length;
      }
      events += records.length;
    }
    return { events, outputs, elapsedMs: performance.now() - start };
  };

  run(WARMUP_MS);
  const measured = run(MEASURE_MS);
  return {
    inProcessEventsPerSec: Math.round((measured.events * 1000) / measured.elapsedMs),
    entityEventsPerSec: Math.round((measured.outputs * 1000) / measured.elapsedMs),
  };
}

if (require.main === module) {
  benchIngestInProcess().then((result) => console.log(JSON.stringify(result)));
}
