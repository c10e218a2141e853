import 'reflect-metadata';
import { runKafkaService } from '@vigil/kafka';
import { loadIngestEnv } from './ingest.config';
import { IngestModule } from './ingest.module';

runKafkaService(() => {
  const env = loadIngestEnv(process.env);
  return { module: IngestModule.forRoot(env), httpHost: env.HTTP_HOST, httpPort: env.HTTP_PORT };
});
