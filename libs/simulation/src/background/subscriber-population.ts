import type { NumberAllocator } from '../number-allocator';
import type { SeededRandom } from '../random';

/** One background subscriber and the people it talks to. */
export interface Subscriber {
  msisdn: string;
  /** Household and relatives: calls, SMS, balance transfers. */
  family: string[];
  /** Friends and colleagues: calls and SMS. */
  friends: string[];
  /** Tokenised bank card the subscriber tops up with, if any. */
  cardToken?: string;
}

/** The background population: subscribers of the home network and their contact graph. */
export interface SubscriberPopulation {
  subscribers: Subscriber[];
  byMsisdn: Map<string, Subscriber>;
  /** Numbers outside the population that call subscribers now and then (couriers, taxis, clinics). */
  unknownCallers: string[];
}

/** Builds `count` subscribers in households of 2-5, each with 1-4 friends outside the household. */
export function buildPopulation(
  count: number,
  numbers: NumberAllocator,
  random: SeededRandom,
): SubscriberPopulation {
  const subscribers: Subscriber[] = [];
  for (let i = 0; i < count; i++) {
    subscribers.push({
      msisdn: numbers.home(),
      family: [],
      friends: [],
      cardToken: random.chance(0.6) ? numbers.cardToken() : undefined,
    });
  }
  for (let start = 0; start < count;) {
    let size = Math.min(random.int(2, 5), count - start);
    // Nobody lives alone: a last single subscriber joins the previous household instead.
    if (count - start - size === 1) size++;
    const household = subscribers.slice(start, start + size);
    for (const member of household) {
      member.family = household.filter((other) => other !== member).map((other) => other.msisdn);
    }
    start += size;
  }
  for (const subscriber of subscribers) {
    const wanted = random.int(1, 4);
    for (let tries = 0; tries < wanted * 3 && subscriber.friends.length < wanted; tries++) {
      const friend = random.pick(subscribers);
      if (friend === subscriber || subscriber.family.includes(friend.msisdn)) continue;
      if (subscriber.friends.includes(friend.msisdn)) continue;
      subscriber.friends.push(friend.msisdn);
      friend.friends.push(subscriber.msisdn);
    }
  }
  const unknownCallers: string[] = [];
  for (let i = 0; i < Math.max(20, Math.ceil(count / 5)); i++) {
    unknownCallers.push(random.chance(0.5) ? numbers.domestic() : numbers.home());
  }
  return {
    subscribers,
    byMsisdn: new Map(subscribers.map((s) => [s.msisdn, s])),
    unknownCallers,
  };
}

/** Every contact pair once (a < b), for the warm-up. */
export function contactPairs(population: SubscriberPopulation): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const subscriber of population.subscribers) {
    for (const other of [...subscriber.family, ...subscriber.friends]) {
      if (subscriber.msisdn < other) pairs.push([subscriber.msisdn, other]);
    }
  }
  return pairs;
}
