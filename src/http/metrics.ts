import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { RequestContext } from '../context.js';
import type { KnowledgeSearchEngine } from '../search/port.js';
import { DENIED_CODES, errorCode, operationOf, rootFields } from './operation.js';

const BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The service's Prometheus metrics (prom-client), served at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation and outcome (success, error, denied)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  private readonly neo4j = new Histogram({
    name: 'neo4j_query_duration_seconds',
    help: 'Neo4j transaction latency by named query or transaction label',
    labelNames: ['query'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  private readonly search = new Histogram({
    name: 'knowledge_search_duration_seconds',
    help: 'Knowledge search latency by engine',
    labelNames: ['engine'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one Neo4j transaction or query. */
  neo4jQuery = (name: string, seconds: number): void => {
    this.neo4j.observe({ query: name }, seconds);
  };

  /** The engine with its searches timed. */
  timedSearch(engine: KnowledgeSearchEngine): KnowledgeSearchEngine {
    const histogram = this.search;
    // Delegates everything else to the engine itself (the Meilisearch engine's relay and client).
    const timed = Object.create(engine) as KnowledgeSearchEngine;
    timed.search = async (request) => {
      const end = histogram.startTimer({ engine: engine.name });
      try {
        return await engine.search(request);
      } finally {
        end();
      }
    };
    return timed;
  }

  /**
   * An Apollo plugin that counts and times every operation, labelled by its root fields. Only the
   * schema's root fields are label values (a document that names others is `unknown`), so that the
   * label set stays bounded by the schema whatever clients send.
   */
  plugin(rootFieldNames: ReadonlySet<string>): ApolloServerPlugin<RequestContext> {
    const { requests, latency } = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let outcome = 'success';
        return {
          async didEncounterErrors(rc) {
            outcome = rc.errors.some((e) => DENIED_CODES.has(errorCode(e))) ? 'denied' : 'error';
          },
          async willSendResponse(rc) {
            const op = operationOf(rc);
            const fields = op ? rootFields(op, rc.document).sort() : [];
            const operation = !op
              ? 'unparsed'
              : fields.length > 0 &&
                  fields.every((f) => rootFieldNames.has(f) || f === '__typename')
                ? `${op.operation} ${fields.join(',')}`.slice(0, 120)
                : 'unknown';
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            requests.inc({ operation, outcome });
            latency.observe({ operation, outcome }, seconds);
          },
        };
      },
    };
  }
}
