export {
  digitsAt,
  hasIsoStringShape,
  isIsoStringOf,
  isUtcDateTime,
  parseDateTimeMs,
} from './rfc3339-date-time';
