import { List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';

/** Linked known errors of a CI or a service. */
export function KnownErrorList({
  items,
}: {
  items: { id: string; number: string; title: string }[];
}) {
  const { t } = useT();
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: t('common.none') }}
      renderItem={(k) => (
        <List.Item>
          <Link to={`/known-errors/${k.number}`}>
            <Typography.Text>
              {k.number} {k.title}
            </Typography.Text>
          </Link>
        </List.Item>
      )}
    />
  );
}
