import { SetMetadata } from '@nestjs/common';
import type { ConsoleRole } from './console-role';

export const PUBLIC_ROUTE = 'vigil:public-route';
export const REQUIRED_ROLE = 'vigil:required-role';
export const REVEALS_NUMBERS = 'vigil:reveals-numbers';

/** The route needs no session (sign-in only). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The weakest role allowed on the route (default: viewer, i.e. any signed-in user). */
export const RequireRole = (role: ConsoleRole): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLE, role);

/** The route deliberately returns full numbers (the audited reveal); the masking interceptor leaves it alone. */
export const RevealsNumbers = (): MethodDecorator => SetMetadata(REVEALS_NUMBERS, true);
