import 'reflect-metadata';
import { bootstrapKafkaService } from '@vigil/kafka';
import { loadCorrelatorEnv } from './correlator.config';
import { CorrelatorModule } from './correlator.module';

async function main(): Promise<void> {
  const env = loadCorrelatorEnv(process.env);
  await bootstrapKafkaService({
    module: CorrelatorModule.forRoot(env),
    httpHost: env.HTTP_HOST,
    httpPort: env.HTTP_PORT,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
