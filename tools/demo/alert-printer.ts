import type { AlertV1 } from '@vigil/contracts';
import { maskMsisdnsInText } from '@vigil/observability';

const COLOURS: Record<AlertV1['severity'], string> = {
  low: '\x1b[36m',
  medium: '\x1b[33m',
  high: '\x1b[31m',
  critical: '\x1b[1;41;97m',
};
const RESET = '\x1b[0m';

/** One terminal line per alert; subscriber numbers masked, as everywhere outside the analyst's reveal. */
export function formatAlert(alert: AlertV1, colour: boolean): string {
  const time = alert.detectedAt.slice(11, 19);
  const head = `${alert.severity.toUpperCase().padEnd(8)} ${alert.stage === 'early_warning' ? 'EARLY WARNING' : 'confirmed    '} ${alert.typology}`;
  const line = `${time} ${colour ? COLOURS[alert.severity] : ''}${head}${colour ? RESET : ''}  ${maskMsisdnsInText(alert.entity)}`;
  return `${line}\n         ${maskMsisdnsInText(alert.explanation)}`;
}
