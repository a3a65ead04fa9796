import { Rule } from "../rule";
import { adminGroupOneMember } from "./admin-group-one-member";
import { breakGlassAdminThroughGroup } from "./break-glass-admin-through-group";
import { breakGlassCanAct } from "./break-glass-can-act";
import { breakGlassLoginProfile } from "./break-glass-login-profile";
import { breakGlassMfa } from "./break-glass-mfa";
import { breakGlassNoAccessKeys } from "./break-glass-no-access-keys";
import { canBecomeAdministrator } from "./can-become-administrator";
import { exclusiveResources } from "./exclusive-resources";
import { iamOutsideIamResources } from "./iam-outside-iam-resources";
import { oneAdminUser } from "./one-admin-user";
import { sensitivePasswordOutput } from "./sensitive-password-output";
import { uniqueUserNames } from "./unique-user-names";
import { unresolved } from "./unresolved";

/** The break-glass pack, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  unresolved,
  exclusiveResources,
  iamOutsideIamResources,
  oneAdminUser,
  canBecomeAdministrator,
  breakGlassCanAct,
  breakGlassLoginProfile,
  breakGlassNoAccessKeys,
  breakGlassAdminThroughGroup,
  adminGroupOneMember,
  uniqueUserNames,
  sensitivePasswordOutput,
  breakGlassMfa,
];
