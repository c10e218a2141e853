import type { AlertStage, Typology } from '@vigil/contracts';
import type { NumberAllocator } from '../number-allocator';
import type { SeededRandom } from '../random';
import type { TrafficWriter, WrittenEvent } from '../traffic-writer';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/**
 * The stage on which one scenario plays: it writes the scenario's events through the shared writer and
 * remembers them for the label. Times are given in minutes after the scenario's anchor.
 */
export class ScenarioScript {
  readonly events: WrittenEvent[] = [];
  lossEvent: WrittenEvent | undefined;

  constructor(
    readonly random: SeededRandom,
    readonly numbers: NumberAllocator,
    /** Event time (ms) the scenario's main sequence starts at. */
    readonly anchorMs: number,
    /** No event of the scenario may be earlier than this (the simulation's start). */
    readonly earliestMs: number,
    private readonly writer: TrafficWriter,
    private readonly recipientPool: (count: number) => string[],
  ) {}

  /** Event time `minutes` after the anchor (negative: before it), to the millisecond. */
  at(minutes: number): number {
    return Math.round(this.anchorMs + minutes * MINUTE_MS);
  }

  /** Event time a random number of minutes in [min, max) after the anchor. */
  atBetween(minMinutes: number, maxMinutes: number): number {
    return this.at(this.random.between(minMinutes, maxMinutes));
  }

  /** Event time a random number of minutes in [min, max) after `atMs`. */
  after(atMs: number, minMinutes: number, maxMinutes: number): number {
    return atMs + Math.round(this.random.between(minMinutes, maxMinutes) * MINUTE_MS);
  }

  // The events of the scenario: written through the shared writer, and kept for the label.
  sms(...event: Parameters<TrafficWriter['sms']>): WrittenEvent {
    return this.keep(this.writer.sms(...event));
  }

  call(...event: Parameters<TrafficWriter['call']>): WrittenEvent {
    return this.keep(this.writer.call(...event));
  }

  topup(...event: Parameters<TrafficWriter['topup']>): WrittenEvent {
    return this.keep(this.writer.topup(...event));
  }

  transfer(...event: Parameters<TrafficWriter['transfer']>): WrittenEvent {
    return this.keep(this.writer.transfer(...event));
  }

  premiumCharge(...event: Parameters<TrafficWriter['premiumCharge']>): WrittenEvent {
    return this.keep(this.writer.premiumCharge(...event));
  }

  /** Marks the event where the victim loses money. */
  loss(event: WrittenEvent): WrittenEvent {
    this.lossEvent = event;
    return event;
  }

  /** `count` distinct numbers to address a mass mailing to. */
  recipients(count: number): string[] {
    return this.recipientPool(count);
  }

  private keep(event: WrittenEvent): WrittenEvent {
    this.events.push(event);
    return event;
  }
}

/** One way a typology plays out: a scam variant or a benign look-alike. */
export interface ScenarioVariant {
  /** snake_case name, written to the label. */
  name: string;
  /** Plays the scenario; returns the entity an alert would name. */
  play(script: ScenarioScript): { entity: string };
}

/** The scam variants and benign look-alikes of one typology. */
export interface TypologyScenarios {
  typology: Typology;
  /** Stages a detected scam of this typology reaches, per variant name (default `['confirmed']`). */
  expectedStages: (variant: string) => AlertStage[];
  scams: readonly ScenarioVariant[];
  benign: readonly ScenarioVariant[];
}
