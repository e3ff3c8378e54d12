import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';

/** A link to a CI's or a service's page, by its type. */
export function EntityLink({
  id,
  name,
  type,
}: {
  id: string;
  name: string;
  type: string | undefined;
}) {
  const to =
    type === 'Service' ? `/services/${encodeURIComponent(id)}` : `/ci/${encodeURIComponent(id)}`;
  return <Link to={to}>{name}</Link>;
}

/** State colours with text that meets WCAG AA contrast on its own background. */
const STATE_STYLES: Record<string, { color: string; background: string; borderColor: string }> = {
  DOWN: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  DEGRADED: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  OK: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
};

/** An impact state as a coloured tag with its label. */
export function StateTag({ state }: { state: string }) {
  const { label } = useT();
  return <Tag style={STATE_STYLES[state]}>{label('ImpactState', state)}</Tag>;
}

/** A highlight snippet: escaped by the server, whose only markup is <em>. */
export function Highlight({ html }: { html: string }) {
  return <span className="highlight" dangerouslySetInnerHTML={{ __html: html }} />;
}
