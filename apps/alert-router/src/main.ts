import 'reflect-metadata';
import { bootstrapKafkaService } from '@vigil/kafka';
import { loadAlertRouterSettings } from './alert-router.config';
import { AlertRouterModule } from './alert-router.module';

async function main(): Promise<void> {
  const settings = loadAlertRouterSettings(process.env);
  await bootstrapKafkaService({
    module: AlertRouterModule.forRoot(settings),
    httpHost: settings.http.host,
    httpPort: settings.http.port,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
