import 'reflect-metadata';
import { bootstrapKafkaService } from '@vigil/kafka';
import { loadNetworksSettings } from './networks.config';
import { NetworksModule } from './networks.module';

async function main(): Promise<void> {
  const settings = loadNetworksSettings(process.env);
  await bootstrapKafkaService({
    module: NetworksModule.forRoot(settings),
    httpHost: settings.http.host,
    httpPort: settings.http.port,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
