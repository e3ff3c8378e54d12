import { InMemoryCache, type TypePolicies } from '@apollo/client/core';
import { relayStylePagination } from '@apollo/client/utilities';
import generated from '../../src/generated/possible-types.js';

/**
 * The normalized-cache configuration a client of this API needs (README, "Clients"): the
 * possibleTypes of the codegen's fragment-matcher output, GraphNode and GraphEdge kept inside
 * their graph (a node's depth depends on the graph's root), the id-less value types merged into
 * their parent, and every connection paged Relay-style.
 */
export const typePolicies: TypePolicies = {
  GraphNode: { keyFields: false },
  GraphEdge: { keyFields: false },
  AssetInfo: { merge: true },
  ServiceLevel: { merge: true },
  Redundancy: { merge: true },
  Query: {
    fields: {
      configurationItems: relayStylePagination(['filter']),
      services: relayStylePagination(['filter']),
      knownErrors: relayStylePagination(['filter']),
      history: relayStylePagination(['entityId']),
      auditTrail: relayStylePagination(['filter']),
    },
  },
  ConfigurationItem: {
    fields: {
      dependencies: relayStylePagination(['kinds']),
      dependents: relayStylePagination(['kinds']),
      history: relayStylePagination(),
    },
  },
  Service: {
    fields: {
      dependencies: relayStylePagination(['kinds']),
      dependents: relayStylePagination(['kinds']),
      history: relayStylePagination(),
    },
  },
};

/** A fresh cache with that configuration. */
export const clientCache = () =>
  new InMemoryCache({ possibleTypes: generated.possibleTypes, typePolicies });
