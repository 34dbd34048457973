import { Crosswalk } from "../../workbench/hs/crosswalk";
import { Nomenclature } from "../../workbench/hs/nomenclature";

export interface HsReference {
  nomenclature: Nomenclature;
  crosswalk: Crosswalk;
}

let reference: Promise<HsReference> | null = null;

/** The browser's copy of the HS core's reference data, fetched once from our own server. */
export function getHsReference(): Promise<HsReference> {
  reference ??= fetch("/resources/hs-reference", { credentials: "same-origin" })
    .then(async (response) => {
      if (!response.ok) throw new Error(`could not load the HS nomenclature (HTTP ${response.status})`);
      const data = (await response.json()) as { nomenclature: string; sections: string; correlation: string };
      return {
        nomenclature: Nomenclature.fromCsv(data.nomenclature, data.sections),
        crosswalk: Crosswalk.fromCsv(data.correlation),
      };
    })
    .catch((error) => {
      reference = null;
      throw error;
    });
  return reference;
}
