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

/**
 * The validation rules and plugins that enforce the limits; batched requests stay refused. The
 * token limit is not graphql-armor's (its plugin parses the document outside Apollo's error
 * handling, so that every syntax error became a 500): it is graphql-js's own `maxTokens` parse
 * option (`parseOptions` below), whose failure is a parse error, a 400.
 */
export function graphqlProtection(limits: GraphQLLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Field suggestions would let a client map a schema whose introspection is off.
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** Apollo's parse options that enforce the token limit while parsing. */
export const parseOptions = (limits: GraphQLLimits) => ({ maxTokens: limits.maxTokens });

const LIMIT_NAMES: [RegExp, string][] = [
  [/^Syntax Error: Document contains more tha[nt] (\d+) tokens/, 'maxTokens'],
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
        message:
          limit === 'maxTokens'
            ? `Token limit of ${m[1]} exceeded`
            : formatted.message.replace(/^Syntax Error: /, ''),
        extensions: { code: 'LIMIT_EXCEEDED', limit, max: Number(m[1]) },
      };
  }
  return null;
}
