// Who may do what at central. Roles are ordered: an admin may do what a
// help-desk operator may, who may do what a viewer may. Pure.
import type { Role } from '../config/schema.js';

const RANK: Record<Role, number> = { viewer: 1, helpdesk: 2, admin: 3 };

export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}
