/** The workflow steps the change page offers, one typed document each. */
import { graphql } from '../gql';

export const SubmitMutation = graphql(`
  mutation SubmitChange($id: ID!, $v: Int!) {
    submitChangeRequest(id: $id, expectedVersion: $v) {
      id
    }
  }
`);
export const ApproveMutation = graphql(`
  mutation ApproveChange($id: ID!, $v: Int!, $override: Boolean) {
    approveChangeRequest(id: $id, expectedVersion: $v, overrideConflicts: $override) {
      id
    }
  }
`);
export const RejectMutation = graphql(`
  mutation RejectChange($id: ID!, $v: Int!, $reason: String!) {
    rejectChangeRequest(id: $id, expectedVersion: $v, reason: $reason) {
      id
    }
  }
`);
export const StartMutation = graphql(`
  mutation StartChange($id: ID!, $v: Int!) {
    startChangeRequest(id: $id, expectedVersion: $v) {
      id
    }
  }
`);
export const CompleteMutation = graphql(`
  mutation CompleteChange($id: ID!, $v: Int!, $outcome: ChangeOutcome!) {
    completeChangeRequest(id: $id, expectedVersion: $v, outcome: $outcome) {
      id
    }
  }
`);
export const CancelMutation = graphql(`
  mutation CancelChange($id: ID!, $v: Int!, $reason: String!) {
    cancelChangeRequest(id: $id, expectedVersion: $v, reason: $reason) {
      id
    }
  }
`);
