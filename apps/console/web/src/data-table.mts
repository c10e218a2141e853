import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** A column's heading ('' over a column of buttons); `numeric` ones are right-aligned like the numbers below them. */
export type Heading = string | { text: string; numeric: true };

export interface DataTable<Row> {
  headings: readonly Heading[];
  rows: readonly Row[];
  /** One `<tr>` of the table. */
  row: (row: Row, index: number) => TemplateResult;
  className?: string;
  testId?: string;
}

/** A table of `rows` under one heading row: every table of the console is drawn by it. */
export function dataTable<Row>(table: DataTable<Row>): TemplateResult {
  return html`<table class=${ifDefined(table.className)} data-testid=${ifDefined(table.testId)}>
    <thead>
      <tr>
        ${table.headings.map((heading) =>
          typeof heading === 'string'
            ? html`<th>${heading}</th>`
            : html`<th class="num">${heading.text}</th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${table.rows.map((row, index) => table.row(row, index))}
    </tbody>
  </table>`;
}
