import { graphql } from '../../gql';

/** What the page shows of a repatriation, and sends back (its version) to change it. */
graphql(`
  fragment PostPlacementRepatriationFields on Repatriation {
    id
    status
    reason
    needs
    note
    plannedArrivalAt
    requestedAt
    requestedByAgency {
      id
      name
    }
    statusChangedAt
    version
  }
`);

export const PLACEMENTS = graphql(`
  query PostPlacementPlacements($filter: PlacementFilterInput, $after: String) {
    placements(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          stage
          destination
          returnedAt
          worker {
            id
            fullName
          }
          repatriation {
            ...PostPlacementRepatriationFields
          }
          return {
            kind
            returnedAt
            portOfEntry
            healthOnArrival
            suspectedTraffickingVictim
            wagesOwed
          }
        }
      }
    }
  }
`);

export const PLACEMENT = graphql(`
  query PostPlacementPlacement($id: ID!) {
    placement(id: $id) {
      id
      version
      stage
      destination
      departedAt
      returnedAt
      worker {
        id
        fullName
      }
      repatriation {
        ...PostPlacementRepatriationFields
      }
      repatriations {
        ...PostPlacementRepatriationFields
      }
      return {
        kind
        returnedAt
      }
      referrals {
        id
        service
        status
        referredAt
        agency {
          id
          name
        }
      }
      reintegrationRefusals {
        id
        refusedAt
        services
        note
      }
    }
  }
`);

export const REFERRALS = graphql(`
  query PostPlacementReferrals($filter: ReferralFilterInput, $after: String) {
    referrals(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          placementId
          service
          status
          referredAt
          consentGiven
          consentOverrideReason
          outcome
          agency {
            id
            name
          }
          worker {
            fullName
          }
        }
      }
    }
  }
`);

export const REFERRAL = graphql(`
  query PostPlacementReferral($id: ID!) {
    referral(id: $id) {
      id
      placementId
      service
      status
      outcome
      note
      version
      worker {
        fullName
      }
    }
  }
`);

export const AGENCIES = graphql(`
  query PostPlacementAgencies {
    agencies {
      id
      name
      kind
    }
  }
`);

export const REQUEST_REPATRIATION = graphql(`
  mutation PostPlacementRequestRepatriation($placementId: ID!, $version: Int!, $input: RepatriationInput!) {
    requestRepatriation(placementId: $placementId, version: $version, input: $input) {
      id
      version
      stage
    }
  }
`);

export const UPDATE_REPATRIATION = graphql(`
  mutation PostPlacementUpdateRepatriation($id: ID!, $version: Int!, $input: RepatriationUpdateInput!) {
    updateRepatriation(id: $id, version: $version, input: $input) {
      id
      version
      stage
    }
  }
`);

export const RECORD_RETURN = graphql(`
  mutation PostPlacementRecordReturn(
    $placementId: ID!
    $version: Int!
    $returnedAt: DateTime!
    $input: ReturnInput
  ) {
    recordReturn(placementId: $placementId, version: $version, returnedAt: $returnedAt, input: $input) {
      id
      version
      stage
    }
  }
`);

export const REFER_TO_SERVICE = graphql(`
  mutation PostPlacementReferToService($placementId: ID!, $input: ReferralInput!) {
    referToService(placementId: $placementId, input: $input) {
      id
      service
      status
      version
    }
  }
`);

export const UPDATE_REFERRAL = graphql(`
  mutation PostPlacementUpdateReferral($id: ID!, $version: Int, $input: ReferralUpdateInput!) {
    updateReferral(id: $id, version: $version, input: $input) {
      id
      service
      status
      version
    }
  }
`);

export const RECORD_REFUSAL = graphql(`
  mutation PostPlacementRecordRefusal($placementId: ID!, $version: Int!, $input: ReintegrationRefusalInput!) {
    recordReintegrationRefusal(placementId: $placementId, version: $version, input: $input) {
      id
      version
      stage
    }
  }
`);
