export { complianceApiRef } from '../../api/complianceApiRef';
export { EntityComplianceContent } from './EntityComplianceContent';
export { CompliancePage } from './CompliancePage';
