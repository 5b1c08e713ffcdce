import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { RegionsQuery } from '../gql/graphql';
import { ApiError } from './api-error';
import { request } from './client';

// Everything a page asks of the regions: the provinces and regencies its selects offer, and the
// pre-2022 Papua codes a NIK may still carry.
const REGIONS = graphql(`
  query Regions {
    regions {
      provinces {
        code
        name
      }
      regencies {
        code
        name
        provinceCode
      }
      legacyRegencyCodes {
        legacyCode
        regencyCode
        name
      }
    }
  }
`);

/** The Kemendagri regions as the API answers them. */
export type RegionDirectory = RegionsQuery['regions'];

export interface RegionsState {
  regions: RegionDirectory | undefined;
  error: ApiError | undefined;
}

/** Asked once per visit to the console: the regions change only with a new release. */
let asked: Promise<RegionDirectory> | undefined;
/** The answer once it came, so a page opened later shows its selects at once. */
let answered: RegionDirectory | undefined;

/** The Kemendagri regions; a failed load is asked again the next time a page needs them. */
export function useRegions(): RegionsState {
  const [state, setState] = useState<RegionsState>({ regions: answered, error: undefined });
  useEffect(() => {
    if (answered) return;
    let current = true;
    asked ??= request(REGIONS, {}).then((data) => (answered = data.regions));
    asked.then(
      (regions) => current && setState({ regions, error: undefined }),
      (error: unknown) => {
        asked = undefined;
        if (current)
          setState({
            regions: undefined,
            error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)),
          });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}
