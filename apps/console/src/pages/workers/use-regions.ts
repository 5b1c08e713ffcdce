import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/client';
import { graphql } from '../../gql';
import { indexRegions, type RegionIndex } from './worker-checks';

const REGIONS = graphql(`
  query WorkersPageRegions {
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

/** Asked once per visit to the console: the regions change only with a new release. */
let loaded: Promise<RegionIndex> | undefined;

/** The Kemendagri regions, indexed; a failed load is asked again the next time the page opens. */
export function useRegions(): { regions: RegionIndex | undefined; error: ApiError | undefined } {
  const [state, setState] = useState<{ regions?: RegionIndex; error?: ApiError }>({});
  useEffect(() => {
    let current = true;
    loaded ??= request(REGIONS, {}).then((data) => indexRegions(data.regions));
    loaded.then(
      (regions) => current && setState({ regions }),
      (error: unknown) => {
        loaded = undefined;
        if (current)
          setState({ error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return { regions: state.regions, error: state.error };
}
