/**
 * The environment a benchmark gives the services it starts: quiet logs, plus extra Node arguments from
 * `nodeArgsVariable` (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them).
 */
export function benchServiceEnv(nodeArgsVariable: string): Record<string, string> {
  const nodeArgs = process.env[nodeArgsVariable];
  return { LOG_LEVEL: 'warn', ...(nodeArgs ? { VIGIL_NODE_ARGS: nodeArgs } : {}) };
}
