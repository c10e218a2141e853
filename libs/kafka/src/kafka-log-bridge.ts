import { logLevel, type logCreator } from 'kafkajs';

/** The slice of a Nest/pino logger the bridge needs. */
export interface StructuredLogger {
  error(message: unknown, ...rest: unknown[]): void;
  warn(message: unknown, ...rest: unknown[]): void;
  log(message: unknown, ...rest: unknown[]): void;
  debug?(message: unknown, ...rest: unknown[]): void;
}

/** Routes kafkajs' own logs into the app logger as structured entries (fixed message plus context). */
export function kafkaLogCreator(logger: StructuredLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...context } = log;
      const entry = { ...context, namespace, msg: `kafkajs: ${message}` };
      if (level === logLevel.ERROR) logger.error(entry);
      else if (level === logLevel.WARN) logger.warn(entry);
      else if (level === logLevel.INFO) logger.log(entry);
      else logger.debug?.(entry);
    };
}
