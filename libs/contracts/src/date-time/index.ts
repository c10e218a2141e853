export { digitsAt } from './digits';
export { hasIsoStringShape, isIsoStringOf, isUtcDateTime, parseDateTimeMs } from './rfc3339-date-time';
