import { decodeStateEntry, encodeStateEntry, type RouterStateEntry } from './router-state-entry';
import { RouterState } from './router-state';

describe(RouterState.name, () => {
  it('treats an entry as absent once its expiry has passed in alert time', () => {
    const state = new RouterState();
    state.set('seen:a', { type: 'seen', expiresAt: 1_000 });
    expect(state.get('seen:a', 999)).toBeDefined();
    expect(state.get('seen:a', 1_000)).toBeUndefined();
  });

  it('evicts the least recently written entries beyond its bound at checkpoint', () => {
    const state = new RouterState(2);
    for (const id of ['a', 'b', 'c']) state.set(`seen:${id}`, { type: 'seen', expiresAt: 10 });
    state.checkpoint();
    expect(state.size).toBe(2);
    expect(state.get('seen:a', 0)).toBeUndefined();
    expect(state.get('seen:c', 0)).toBeDefined();
  });

  it('prunes expired entries but keeps those of an unfinished batch', () => {
    const state = new RouterState();
    state.restore('seen:old', { type: 'seen', expiresAt: 5 });
    state.set('seen:pending', { type: 'seen', expiresAt: 5 });
    expect(state.prune(10)).toBe(1);
    expect(state.pendingChanges()).toHaveLength(1);
  });

  it('round-trips entries through their stored form and rejects foreign bytes', () => {
    const entry: RouterStateEntry = {
      type: 'suppression',
      firstAlertId: 'a-1',
      firstDetectedAt: 1,
      expiresAt: 2,
      repeatCount: 3,
      confirmedDelivered: false,
    };
    expect(decodeStateEntry(encodeStateEntry(entry))).toEqual(entry);
    expect(() => decodeStateEntry(Buffer.from('{"type":"seen"}'))).toThrow(/state entry/);
    expect(() => decodeStateEntry(Buffer.from('nope'))).toThrow(/not JSON/);
  });
});
