import 'reflect-metadata';
import { runKafkaService } from '@vigil/kafka';
import { loadNetworksSettings } from './networks.config';
import { NetworksModule } from './networks.module';

runKafkaService(() => {
  const settings = loadNetworksSettings(process.env);
  return {
    module: NetworksModule.forRoot(settings),
    httpHost: settings.http.host,
    httpPort: settings.http.port,
  };
});
