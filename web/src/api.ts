import type { TypedDocumentString } from './gql/graphql';

/** An error the API answered with: its code (API.md) and extensions. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'egov-cmdb.token';

/** The API key of this browser tab (sessionStorage: gone when the tab closes). */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Listeners told when the service answers UNAUTHENTICATED (the console returns to sign-in). */
export const unauthenticated = new EventTarget();

/** The headers of a request to the API: the tab's key as a bearer token, when there is one. */
export function apiHeaders(): Record<string, string> {
  const token = session.token();
  return {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

/** Runs one typed operation against /graphql; throws ApiError with the first error's code. */
export async function request<R, V>(
  document: TypedDocumentString<R, V>,
  variables?: V,
): Promise<R> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: apiHeaders(),
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    data?: R;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  const first = body.errors?.[0];
  if (first || !body.data) {
    const code = String(first?.extensions?.code ?? (res.ok ? 'INTERNAL_SERVER_ERROR' : res.status));
    if (code === 'UNAUTHENTICATED') unauthenticated.dispatchEvent(new Event('unauthenticated'));
    throw new ApiError(first?.message ?? res.statusText, code, first?.extensions ?? {});
  }
  return body.data;
}
