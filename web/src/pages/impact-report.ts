import { graphql } from '../gql';
import type { ImpactReportQuery } from '../gql/graphql';
import type { MapNode } from '../components/GraphMap';

/** The report the workbench shows: everything it lists, maps and exports. */
export const ReportQuery = graphql(`
  query ImpactReport($input: ImpactAnalysisInput!) {
    impactAnalysis(input: $input) {
      activeChanges {
        id
        number
        title
        status
        plannedStart
        plannedEnd
      }
      impacts {
        subject {
          __typename
          id
          name
        }
        state
        distance
        via
      }
      services {
        service {
          id
          name
          category
          criticality
          sla {
            availabilityTarget
            supportHours
            responseMinutes
            resolutionMinutes
          }
        }
        state
        distance
        via
      }
      departments {
        orgUnit {
          id
          name
        }
        services {
          id
          name
        }
        worstState
      }
      suppliers {
        supplier {
          id
          name
          role
          contact
        }
        components {
          id
          name
        }
      }
      absorbed {
        group {
          id
          name
        }
        membersDown
        membersTotal
        minMembersUp
      }
      knownErrors {
        knownError {
          id
          number
          title
        }
        matchedComponent {
          id
          name
        }
        reason
      }
      summary {
        servicesDown
        servicesDegraded
        componentsDown
        componentsDegraded
        departmentsAffected
        truncated
      }
    }
  }
`);

export type Report = ImpactReportQuery['impactAnalysis'];

/** How many impacted components the map draws at most: the nearest ones. */
export const MAP_LIMIT = 2000;

export const COLORS: Record<string, string> = {
  DOWN: '#ff4d4f',
  DEGRADED: '#faad14',
  OK: '#52c41a',
};
/** The ids of a comma-separated URL parameter. */
export const ids = (param: string | null) => (param ? param.split(',').filter(Boolean) : []);

/** The map's nodes and edges: the nearest impacts, each chain's steps as edges. */
export function mapOf(report: {
  impacts: readonly Pick<Report['impacts'][number], 'subject' | 'state' | 'distance' | 'via'>[];
  absorbed: readonly Pick<Report['absorbed'][number], 'group' | 'membersDown' | 'membersTotal'>[];
}) {
  const nearest = [...report.impacts].sort((a, b) => a.distance - b.distance).slice(0, MAP_LIMIT);
  const absorbed = new Map(report.absorbed.map((a) => [a.group.id, a]));
  const nodes: MapNode[] = nearest.map((i) => {
    const a = absorbed.get(i.subject.id);
    return {
      id: i.subject.id,
      label: i.subject.name,
      layer: i.distance,
      color: COLORS[i.state]!,
      marked: a !== undefined,
      note: a ? `${a.membersDown}/${a.membersTotal}` : undefined,
    };
  });
  const seen = new Set<string>();
  const edges = nearest.flatMap((i) =>
    i.via.slice(1).flatMap((to, k) => {
      const from = i.via[k]!;
      const key = `${from}>${to}`;
      return seen.has(key) ? [] : (seen.add(key), [{ from, to }]);
    }),
  );
  return { nodes, edges, left: report.impacts.length - nearest.length };
}
