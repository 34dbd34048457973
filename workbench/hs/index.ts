export * from "./nomenclature";
export * from "./codes";
export * from "./crosswalk";
