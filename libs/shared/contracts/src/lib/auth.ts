/** OAuth2 token endpoint shapes (RFC 6749 §5.1 and §5.2): snake_case by the standard. */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_client';

export interface OAuthError {
  error: OAuthErrorCode;
  error_description: string;
}
