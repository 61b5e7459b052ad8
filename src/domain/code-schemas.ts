/**
 * Zod enums for the vocabularies records store, and their types. Roles are in staff.ts,
 * districts in districts.ts.
 */
import type { z } from './zod.ts';
import { toCodeSchema } from './vocabulary-schema.ts';
import {
  arrivalRoutes,
  caseStatuses,
  closureReasons,
  consentGivers,
  educationLevels,
  maritalStatuses,
  minorSteps,
  occupations,
  perpetratorRelationships,
  riskLevels,
  violenceTypes,
} from './vocabularies-case.ts';
import {
  dischargeDestinations,
  followUpModes,
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from './vocabularies-entries.ts';

export const arrivalRouteSchema = toCodeSchema(arrivalRoutes);
export type ArrivalRoute = z.infer<typeof arrivalRouteSchema>;

export const violenceTypeSchema = toCodeSchema(violenceTypes);
export type ViolenceType = z.infer<typeof violenceTypeSchema>;

export const maritalStatusSchema = toCodeSchema(maritalStatuses);
export type MaritalStatus = z.infer<typeof maritalStatusSchema>;

export const educationLevelSchema = toCodeSchema(educationLevels);
export type EducationLevel = z.infer<typeof educationLevelSchema>;

export const occupationSchema = toCodeSchema(occupations);
export type Occupation = z.infer<typeof occupationSchema>;

export const perpetratorRelationshipSchema = toCodeSchema(perpetratorRelationships);
export type PerpetratorRelationship = z.infer<typeof perpetratorRelationshipSchema>;

export const riskLevelSchema = toCodeSchema(riskLevels);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

export const caseStatusSchema = toCodeSchema(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const closureReasonSchema = toCodeSchema(closureReasons);
export type ClosureReason = z.infer<typeof closureReasonSchema>;

export const consentGiverSchema = toCodeSchema(consentGivers);
export type ConsentGiver = z.infer<typeof consentGiverSchema>;

export const minorStepSchema = toCodeSchema(minorSteps);
export type MinorStep = z.infer<typeof minorStepSchema>;

export const serviceKindSchema = toCodeSchema(serviceKinds);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

export const referralAgencySchema = toCodeSchema(referralAgencies);
export type ReferralAgency = z.infer<typeof referralAgencySchema>;

export const referralStatusSchema = toCodeSchema(referralStatuses);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

export const followUpModeSchema = toCodeSchema(followUpModes);
export type FollowUpMode = z.infer<typeof followUpModeSchema>;

export const dischargeDestinationSchema = toCodeSchema(dischargeDestinations);
export type DischargeDestination = z.infer<typeof dischargeDestinationSchema>;
