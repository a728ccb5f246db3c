export { complianceApiRef } from './complianceApiRef';
export { EntityComplianceContent } from './EntityComplianceContent';
export { CompliancePage } from './CompliancePage';
