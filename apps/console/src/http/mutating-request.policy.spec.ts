import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mutatingRequestPolicy } from './mutating-request.policy';

describe(mutatingRequestPolicy.name, () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(mutatingRequestPolicy());
    app.all('/{*path}', (_request, response) => void response.status(201).json({ ok: true }));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (route: string, headers: Record<string, string>, body?: string) =>
    fetch(base + route, { method: 'POST', headers, body }).then((response) => response.status);

  it('lets the console’s own JSON requests and body-less actions through', async () => {
    const json = { 'content-type': 'application/json' };
    expect(await post('/api/x', { ...json, origin: base, 'sec-fetch-site': 'same-origin' }, '{}')).toBe(201);
    expect(await post('/api/x', json, '{}')).toBe(201); // a script with a bearer token: no browser headers
    expect(await post('/api/x/reveal', { origin: base })).toBe(201);
  });

  it('refuses other origins, sibling sites and garbage origins with 403, whatever the path’s letter case', async () => {
    const json = { 'content-type': 'application/json' };
    expect(await post('/api/x', { ...json, origin: 'https://evil.example' }, '{}')).toBe(403);
    expect(await post('/API/x', { ...json, origin: 'https://evil.example' }, '{}')).toBe(403);
    expect(await post('/api/x', { ...json, 'sec-fetch-site': 'same-site' }, '{}')).toBe(403);
    expect(await post('/api/x', { ...json, 'sec-fetch-site': 'cross-site' }, '{}')).toBe(403);
    expect(await post('/api/x', { ...json, origin: 'null' }, '{}')).toBe(403);
  });

  it('refuses bodies an HTML form can send with 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])
      expect(await post('/api/x', { 'content-type': type }, 'verdict=x')).toBe(415);
  });

  it('leaves reads and routes outside the API alone', async () => {
    expect((await fetch(`${base}/api/x`, { headers: { origin: 'https://evil.example' } })).status).toBe(201);
    expect(await post('/health/x', { 'content-type': 'text/plain' }, 'x')).toBe(201);
  });
});
