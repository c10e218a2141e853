/** Console roles, weakest first: each role may do everything the ones before it may. */
export const CONSOLE_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** Who is calling: the API key's name (written as `analyst` on feedback and in audit lines) and its role. */
export interface Principal {
  name: string;
  role: ConsoleRole;
}

/** True when `role` is `required` or a stronger role. */
export function roleAllows(role: ConsoleRole, required: ConsoleRole): boolean {
  return CONSOLE_ROLES.indexOf(role) >= CONSOLE_ROLES.indexOf(required);
}
