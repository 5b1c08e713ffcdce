/** What an officer verifies by hand before a clearance; the rest Lintas evaluates itself. */
export const OFFICER_VERIFIED = [
  'MARITAL_STATUS',
  'FAMILY_CONSENT',
  'MEDICAL_FIT',
  'PSYCHOLOGICAL_FIT',
  'COMPETENCY_CERTIFICATE',
  'WORK_AGREEMENT',
  'PLACEMENT_AGREEMENT',
  'JOB_ORDER_VERIFIED',
  'WORK_VISA',
  'SOCIAL_SECURITY',
  'PRE_DEPARTURE_ORIENTATION',
  'EPMI_CARD',
] as const;
