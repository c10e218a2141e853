import { html, svg, type TemplateResult } from 'lit';
import type { EvidenceItem } from './api-types.mjs';
import { KIND_LABELS, formatGap, formatTime, label } from './labels.mjs';

const WIDTH = 900;
const HEIGHT = 170;
const PAD_X = 70;
const AXIS_Y = 95;

/**
 * The matched sequence as a picture: each evidence step is a numbered dot on a time axis, labelled with its step
 * name and event kind above and its time below, with the gap between consecutive steps on the connecting line.
 */
export function evidenceTimeline(evidence: EvidenceItem[], colour: string): TemplateResult {
  if (evidence.length === 0) return html`<p class="empty">This alert carries no evidence events.</p>`;
  const items = [...evidence].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const times = items.map((item) => new Date(item.occurredAt).getTime());
  const start = Math.min(...times);
  const span = Math.max(...times) - start;
  // Equal spacing when all steps share a second, else proportional to time (the picture shows the rush).
  const x = (index: number): number =>
    span === 0
      ? PAD_X + (WIDTH - 2 * PAD_X) * (items.length === 1 ? 0.5 : index / (items.length - 1))
      : PAD_X + ((WIDTH - 2 * PAD_X) * (times[index] - start)) / span;
  return html`<figure class="timeline" aria-label="Evidence timeline">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" data-testid="evidence-timeline">
      <line x1=${PAD_X - 30} y1=${AXIS_Y} x2=${WIDTH - PAD_X + 30} y2=${AXIS_Y} class="axis"></line>
      ${items.map((item, index) =>
        index === 0
          ? svg``
          : svg`<text x=${(x(index - 1) + x(index)) / 2} y=${AXIS_Y - 8} class="gap">${formatGap(items[index - 1].occurredAt, item.occurredAt)}</text>`,
      )}
      ${items.map(
        (item, index) => svg`<g class="step">
          <circle cx=${x(index)} cy=${AXIS_Y} r="13" fill=${colour}></circle>
          <text x=${x(index)} y=${AXIS_Y + 5} class="step-number">${index + 1}</text>
          <text x=${x(index)} y=${AXIS_Y - 52} class="step-name">${item.step || `step ${index + 1}`}</text>
          <text x=${x(index)} y=${AXIS_Y - 34} class="step-kind">${label(KIND_LABELS, item.kind)}</text>
          <text x=${x(index)} y=${AXIS_Y + 36} class="step-time">${formatTime(item.occurredAt)}</text>
        </g>`,
      )}
    </svg>
    <figcaption>
      Matched sequence, oldest step on the left; spacing is proportional to the time between steps.
    </figcaption>
  </figure>`;
}

/** A subscriber's events as dots on a time axis, one row per event kind. */
export function activityStrip(events: { kind: string; occurredAt: string }[]): TemplateResult {
  if (events.length === 0) return html``;
  const kinds = [...new Set(events.map((event) => event.kind))].sort();
  const times = events.map((event) => new Date(event.occurredAt).getTime());
  const start = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - start);
  const rowHeight = 24;
  const height = kinds.length * rowHeight + 40;
  const left = 170;
  const x = (time: number): number => left + ((WIDTH - left - 20) * (time - start)) / span;
  return html`<figure class="timeline">
    <svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Activity by kind over time">
      ${kinds.map(
        (
          kind,
          row,
        ) => svg`<text x=${left - 10} y=${row * rowHeight + 24} class="row-label">${label(KIND_LABELS, kind)}</text>
          <line x1=${left} y1=${row * rowHeight + 20} x2=${WIDTH - 20} y2=${row * rowHeight + 20} class="row-line"></line>`,
      )}
      ${events.map(
        (
          event,
          index,
        ) => svg`<circle cx=${x(times[index])} cy=${kinds.indexOf(event.kind) * rowHeight + 20} r="5" class="dot">
          <title>${label(KIND_LABELS, event.kind)} at ${formatTime(event.occurredAt)}</title></circle>`,
      )}
      <text x=${left} y=${height - 6} class="axis-label">${formatTime(new Date(start).toISOString())}</text>
      <text x=${WIDTH - 20} y=${height - 6} class="axis-label end">
        ${formatTime(new Date(start + span).toISOString())}
      </text>
    </svg>
    <figcaption>Each dot is one event; hover a dot for its time.</figcaption>
  </figure>`;
}
