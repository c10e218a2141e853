import { installKafkajsFastPaths } from './install-kafkajs-fast-paths';

// Side effect on purpose: see installKafkajsFastPaths (imported first by libs/kafka's index).
installKafkajsFastPaths();
