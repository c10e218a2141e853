export { installKafkajsFastPaths, type KafkajsFastPaths } from './install-kafkajs-fast-paths';
