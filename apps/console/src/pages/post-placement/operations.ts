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

/** What both the lists and a form's panel show of a placement. */
graphql(`
  fragment PostPlacementPlacementFields on Placement {
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
    }
  }
`);

/** What both the referrals list and a placement's reintegration record show of a referral. */
graphql(`
  fragment PostPlacementReferralFields on Referral {
    id
    service
    status
    referredAt
    agency {
      id
      name
    }
  }
`);

/** What a change of a placement answers: the page reads the placement again after it. */
graphql(`
  fragment PostPlacementChangedPlacement on Placement {
    id
    version
    stage
  }
`);

/** What a change of a referral answers; the service names it in the message that confirms it. */
graphql(`
  fragment PostPlacementChangedReferral on Referral {
    id
    service
    status
    version
  }
`);

export const PLACEMENTS = graphql(`
  query PostPlacementPlacements($filter: PlacementFilterInput, $after: String) {
    placements(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          ...PostPlacementPlacementFields
          return {
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
      ...PostPlacementPlacementFields
      version
      departedAt
      repatriations {
        ...PostPlacementRepatriationFields
      }
      referrals {
        ...PostPlacementReferralFields
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
        ...PageInfoFields
      }
      edges {
        node {
          ...PostPlacementReferralFields
          placementId
          consentGiven
          consentOverrideReason
          outcome
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
      ...PostPlacementChangedPlacement
    }
  }
`);

export const UPDATE_REPATRIATION = graphql(`
  mutation PostPlacementUpdateRepatriation($id: ID!, $version: Int!, $input: RepatriationUpdateInput!) {
    updateRepatriation(id: $id, version: $version, input: $input) {
      ...PostPlacementChangedPlacement
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
      ...PostPlacementChangedPlacement
    }
  }
`);

export const REFER_TO_SERVICE = graphql(`
  mutation PostPlacementReferToService($placementId: ID!, $input: ReferralInput!) {
    referToService(placementId: $placementId, input: $input) {
      ...PostPlacementChangedReferral
    }
  }
`);

export const UPDATE_REFERRAL = graphql(`
  mutation PostPlacementUpdateReferral($id: ID!, $version: Int, $input: ReferralUpdateInput!) {
    updateReferral(id: $id, version: $version, input: $input) {
      ...PostPlacementChangedReferral
    }
  }
`);

export const RECORD_REFUSAL = graphql(`
  mutation PostPlacementRecordRefusal($placementId: ID!, $version: Int!, $input: ReintegrationRefusalInput!) {
    recordReintegrationRefusal(placementId: $placementId, version: $version, input: $input) {
      ...PostPlacementChangedPlacement
    }
  }
`);
