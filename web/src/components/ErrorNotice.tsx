import { Alert } from 'antd';
import type { ApiError } from '../api';
import { useT } from '../i18n';
import type { MessageKey } from '../messages/zh';

/** A server error as a person reads it: what its code means, and the server's words. */
export function ErrorNotice({ error }: { error: ApiError }) {
  const { t } = useT();
  const known = [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'NOT_FOUND',
    'BAD_USER_INPUT',
    'CONFLICT',
    'INVALID_TRANSITION',
    'LIMIT_EXCEEDED',
  ];
  const key = (known.includes(error.code) ? `error.${error.code}` : 'error.other') as MessageKey;
  return <Alert type="error" showIcon role="alert" message={t(key)} description={error.message} />;
}
