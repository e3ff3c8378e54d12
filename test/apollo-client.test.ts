import { ApolloClient, gql, HttpLink } from '@apollo/client/core';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { clientCache } from './support/apollo-cache.js';
import { startTestApp, type TestApp } from './support/test-app.js';

loadDevMessages();
loadErrorMessages();

let t: TestApp;
let client: ApolloClient<unknown>;
const warnings: unknown[][] = [];
let restore: (() => void) | undefined;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
  client = new ApolloClient({
    link: new HttpLink({ uri: t.app.url, fetch }),
    cache: clientCache(),
  });
  // Apollo Client reports cache data it would lose through console.warn / console.error.
  const { warn, error } = console;
  console.warn = (...a: unknown[]) => void warnings.push(a);
  console.error = (...a: unknown[]) => void warnings.push(a);
  restore = () => {
    console.warn = warn;
    console.error = error;
  };
}, 180000);
afterAll(async () => {
  restore?.();
  client.stop();
  await t.close();
});

const GRAPH = gql`
  query Graph($id: ID!, $direction: DependencyDirection) {
    dependencyGraph(id: $id, direction: $direction, maxDepth: 3) {
      root {
        id
      }
      nodes {
        id
        name
        type
        depth
      }
      edges {
        from
        to
        kind
      }
    }
  }
`;

describe('Apollo Client InMemoryCache with the README’s configuration', () => {
  it('keeps each dependency graph’s depths when a second graph shares its nodes', async () => {
    const first = await client.query({
      query: GRAPH,
      variables: { id: 'core-ext-1', direction: 'DEPENDENTS' },
    });
    const second = await client.query({
      query: GRAPH,
      variables: { id: 'grp-core-ext', direction: 'DEPENDENTS' },
    });
    const depth = (d: any) => new Map(d.dependencyGraph.nodes.map((n: any) => [n.id, n.depth]));
    const shared = [...depth(first.data).keys()].filter((id) => depth(second.data).has(id));
    expect(shared.length).toBeGreaterThan(3);
    expect(shared.some((id) => depth(first.data).get(id) !== depth(second.data).get(id))).toBe(
      true,
    );
    const cached = client.readQuery({
      query: GRAPH,
      variables: { id: 'core-ext-1', direction: 'DEPENDENTS' },
    });
    expect(cached).toEqual(first.data);
  });

  it('merges two views of a CI that select different asset fields', async () => {
    const A = gql`
      query A {
        configurationItem(id: "core-ext-1") {
          id
          asset {
            assetTag
          }
          redundancy {
            minMembersUp
          }
        }
      }
    `;
    const B = gql`
      query B {
        configurationItem(id: "core-ext-1") {
          id
          asset {
            serialNumber
          }
          ipAddresses
        }
      }
    `;
    const a = await client.query({ query: A });
    await client.query({ query: B });
    expect(client.readQuery({ query: A })).toEqual(a.data);
    expect(
      (client.readQuery({ query: B }) as any).configurationItem.asset.serialNumber,
    ).toBeTruthy();
  });

  it('pages through configurationItems Relay-style into one list', async () => {
    const PAGE = gql`
      query Page($after: String) {
        configurationItems(first: 50, after: $after) {
          totalCount
          edges {
            cursor
            node {
              id
              name
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `;
    const watch = client.watchQuery({ query: PAGE });
    let result = await client.query({ query: PAGE });
    let pages = 1;
    while ((result.data as any).configurationItems.pageInfo.hasNextPage && pages < 20) {
      result = await watch.fetchMore({
        variables: { after: (result.data as any).configurationItems.pageInfo.endCursor },
      });
      pages += 1;
    }
    const all = (client.readQuery({ query: PAGE }) as any).configurationItems;
    expect(pages).toBeGreaterThan(2);
    expect(all.edges.length).toBe(all.totalCount);
    expect(new Set(all.edges.map((e: any) => e.node.id)).size).toBe(all.totalCount);
  });

  it('reported no cache warning', () => {
    expect(warnings).toEqual([]);
  });
});
