import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from './gql/graphql';
import { ApiError, request } from './api';

/** The state of one query: its data, its error, whether it is loading, and how to run it again. */
export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a query when the component mounts and whenever its variables change (compared as JSON);
 * `skip` holds it back. An answer that arrives after a newer request is dropped.
 */
export function useQuery<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  { skip = false }: { skip?: boolean } = {},
): QueryState<R> {
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({
    loading: !skip,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    const call = (latest.current += 1);
    setState((s) => ({ ...s, loading: true }));
    request(document, variables).then(
      (data) => call === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        call === latest.current &&
        setState({
          error: error instanceof ApiError ? error : new ApiError(String(error), 'NETWORK'),
          loading: false,
        }),
    );
    // The variables are compared by their JSON (key), not by identity.
  }, [document, key, skip, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A value that follows `value` once it has stood still for `ms`. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}
