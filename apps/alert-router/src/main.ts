import 'reflect-metadata';
import { runKafkaService } from '@vigil/kafka';
import { loadAlertRouterSettings } from './alert-router.config';
import { AlertRouterModule } from './alert-router.module';

runKafkaService(() => {
  const settings = loadAlertRouterSettings(process.env);
  return {
    module: AlertRouterModule.forRoot(settings),
    httpHost: settings.http.host,
    httpPort: settings.http.port,
  };
});
