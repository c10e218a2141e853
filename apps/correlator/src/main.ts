import 'reflect-metadata';
import { runKafkaService } from '@vigil/kafka';
import { loadCorrelatorEnv } from './correlator.config';
import { CorrelatorModule } from './correlator.module';

runKafkaService(() => {
  const env = loadCorrelatorEnv(process.env);
  return { module: CorrelatorModule.forRoot(env), httpHost: env.HTTP_HOST, httpPort: env.HTTP_PORT };
});
