/** Rules shared by the API's validators and the web app's forms, so both say the same thing. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const EMAIL_MAX_LENGTH = 254;

export interface RegisterUserRequest {
  username: string;
  email: string;
  password: string;
}

export interface User {
  id: string;
  username: string;
  email: string;
  emailVerified: boolean;
  createdAt: string;
}

/** `GET /api/users/me` (v2): the user and their default project. */
export interface CurrentUserProfile extends User {
  defaultProjectId: string;
}

export interface ConfirmEmailRequest {
  token: string;
}
