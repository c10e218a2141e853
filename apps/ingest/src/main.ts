import 'reflect-metadata';
import { bootstrapKafkaService } from '@vigil/kafka';
import { loadIngestEnv } from './ingest.config';
import { IngestModule } from './ingest.module';

async function main(): Promise<void> {
  const env = loadIngestEnv(process.env);
  await bootstrapKafkaService({
    module: IngestModule.forRoot(env),
    httpHost: env.HTTP_HOST,
    httpPort: env.HTTP_PORT,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
