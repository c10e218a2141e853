import { html, type TemplateResult } from 'lit';

/** The time ranges a dashboard page offers, each with the chart bucket (minutes) that suits it. */
export const RANGES = [
  { days: 1, label: 'Last 24 hours', bucketMinutes: 60 },
  { days: 7, label: 'Last 7 days', bucketMinutes: 360 },
  { days: 30, label: 'Last 30 days', bucketMinutes: 1440 },
] as const;

/** The "Range" picker of a panel's header; `choose` gets the number of days picked. */
export function rangePicker(selectedDays: number, choose: (days: number) => void): TemplateResult {
  return html`<label
    >Range
    <select @change=${(event: Event) => choose(Number((event.target as HTMLSelectElement).value))}>
      ${RANGES.map(
        (range) =>
          html`<option value=${range.days} ?selected=${range.days === selectedDays}>${range.label}</option>`,
      )}
    </select></label
  >`;
}
