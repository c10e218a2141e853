import 'reflect-metadata';
import { runKafkaService } from '@vigil/kafka';
import { loadAnalyticsSinkEnv } from './analytics-sink.config';
import { AnalyticsSinkModule } from './analytics-sink.module';

runKafkaService(() => {
  const env = loadAnalyticsSinkEnv(process.env);
  return { module: AnalyticsSinkModule.forRoot(env), httpHost: env.HTTP_HOST, httpPort: env.HTTP_PORT };
});
