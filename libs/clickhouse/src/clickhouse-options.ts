/** How to reach ClickHouse over HTTP. */
export interface ClickHouseConnectionOptions {
  url: string; // e.g. http://127.0.0.1:8123
  database?: string; // default "default"
  username?: string; // default "default"
  password?: string; // default ""
  requestTimeoutMs?: number; // default 30_000
}
