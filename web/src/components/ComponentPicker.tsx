import { Select } from 'antd';
import { useState } from 'react';
import { graphql } from '../gql';
import { useDebounced, useQuery } from '../hooks';
import { useT } from '../i18n';

const PickQuery = graphql(`
  query PickComponents($q: String!) {
    exact: configurationItems(filter: { identifier: $q }, first: 5) {
      edges {
        node {
          id
          name
        }
      }
    }
    byName: configurationItems(filter: { nameContains: $q }, first: 20) {
      edges {
        node {
          id
          name
        }
      }
    }
    services(first: 200) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Picks components (CIs and services) by identifier or name, searching as one types. */
export function ComponentPicker({
  value,
  onChange,
  label,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const { data, loading } = useQuery(PickQuery, { q }, { skip: q === '' });
  const seen = new Set<string>();
  const options = data
    ? [
        ...data.exact.edges.map((e) => e.node),
        ...data.byName.edges.map((e) => e.node),
        ...data.services.edges
          .map((e) => e.node)
          .filter((s) => s.name.toLowerCase().includes(q.toLowerCase())),
      ]
        .filter((n) => !seen.has(n.id) && seen.add(n.id))
        .map((n) => ({ value: n.id, label: `${n.name} (${n.id})` }))
    : [];
  return (
    <Select
      mode="multiple"
      aria-label={label}
      style={{ minWidth: 360 }}
      placeholder={t('impact.pickPlaceholder')}
      value={value}
      onChange={onChange}
      onSearch={setText}
      filterOption={false}
      showSearch
      loading={loading}
      options={[
        ...value.filter((v) => !seen.has(v)).map((v) => ({ value: v, label: v })),
        ...options,
      ]}
      notFoundContent={null}
    />
  );
}
