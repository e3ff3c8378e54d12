import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';

/** The bounds on a GraphQL document: depth, aliases, cost and tokens (graphql-armor). */
export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
}

/** The validation rules and plugins that enforce the limits; batched requests stay refused. */
export function graphqlProtection(limits: GraphQLLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    // Field suggestions would let a client map a schema whose introspection is off.
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

const LIMIT_NAMES: [RegExp, string][] = [
  [/^Syntax Error: Query depth limit of (\d+) exceeded/, 'maxDepth'],
  [/^Syntax Error: Aliases limit of (\d+) exceeded/, 'maxAliases'],
  [/^Syntax Error: Query Cost limit of (\d+) exceeded/, 'maxCost'],
  [/^Syntax Error: Token limit of (\d+) exceeded/, 'maxTokens'],
  [/^Syntax Error: Directives limit of (\d+) exceeded/, 'maxDirectives'],
];

/** A rejection by one of the limits as API.md's LIMIT_EXCEEDED with the limit named; else null. */
export function limitExceeded(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  for (const [pattern, limit] of LIMIT_NAMES) {
    const m = pattern.exec(formatted.message);
    if (m)
      return {
        message: formatted.message.replace(/^Syntax Error: /, ''),
        extensions: { code: 'LIMIT_EXCEEDED', limit, max: Number(m[1]) },
      };
  }
  return null;
}
