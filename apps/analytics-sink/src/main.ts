import 'reflect-metadata';
import { bootstrapKafkaService } from '@vigil/kafka';
import { loadAnalyticsSinkEnv } from './analytics-sink.config';
import { AnalyticsSinkModule } from './analytics-sink.module';

async function main(): Promise<void> {
  const env = loadAnalyticsSinkEnv(process.env);
  await bootstrapKafkaService({
    module: AnalyticsSinkModule.forRoot(env),
    httpHost: env.HTTP_HOST,
    httpPort: env.HTTP_PORT,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
