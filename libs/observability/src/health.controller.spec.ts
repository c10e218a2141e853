import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness';

@Module({ controllers: [HealthController], providers: [ReadinessRegistry] })
class HealthOnlyModule {}

describe(HealthController.name, () => {
  it.each([
    ['Express', () => new ExpressAdapter()],
    ['Fastify', () => new FastifyAdapter()],
  ])(
    'answers readiness on %s: 503 with the failing check while one fails, then 200',
    async (_name, adapter) => {
      const app: INestApplication = await NestFactory.create(HealthOnlyModule, adapter(), { logger: false });
      try {
        let auditWrites = false;
        app.get(ReadinessRegistry).register('audit', () => auditWrites);
        app.get(ReadinessRegistry).register('state', () => true);
        await app.listen(0, '127.0.0.1');
        const url = `${await app.getUrl()}/health/ready`;
        const notReady = await fetch(url);
        expect(notReady.status).toBe(503);
        expect(await notReady.json()).toEqual({ ready: false, checks: { audit: false, state: true } });
        auditWrites = true;
        const ready = await fetch(url);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ ready: true, checks: { audit: true, state: true } });
        expect((await fetch(url.replace('ready', 'live'))).status).toBe(200);
      } finally {
        await app.close();
      }
    },
  );
});
