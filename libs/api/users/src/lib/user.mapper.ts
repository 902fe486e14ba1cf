import type { User } from '@taskflow/shared-contracts';
import type { UserResponse } from './dto/user.response';

/** The only way a user leaves the API: the password hash has no path to JSON. */
export function toUserResponse(user: {
  id: string;
  username: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
}): UserResponse {
  const response: User = {
    id: user.id,
    username: user.username,
    email: user.email,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt.toISOString(),
  };
  return response;
}
