/** User roles, ordered: an admin may do what an analyst may, an analyst what a viewer may. */
export const ROLES = ["admin", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export const roleAtLeast = (role: Role, required: Role) => RANK[role] >= RANK[required];
