import { parseCsvRecords } from "../csv";

export type HsLevel = 2 | 4 | 6;

export interface HsSection {
  /** Roman numeral, I..XXI */
  id: string;
  name: string;
  chapters: string[];
}

export interface HsEntry {
  code: string;
  level: HsLevel;
  description: string;
  /** Code one level up; null for chapters. */
  parent: string | null;
  section: string;
}

/** Everything a user needs to read one code: its own text plus chapter, heading and section. */
export interface HsLookup {
  code: string;
  /** the 8- or 10-digit national line that was looked up, when it was one */
  nationalCode?: string;
  level: HsLevel;
  description: string;
  chapter: { code: string; description: string };
  heading: { code: string; description: string } | null;
  section: { id: string; name: string };
}

/** HS chapter 77 is reserved by the WCO for possible future use. */
export const RESERVED_CHAPTERS: ReadonlySet<string> = new Set(["77"]);

/** The HS 2022 nomenclature: sections, chapters, headings, subheadings. Immutable once built. */
export class Nomenclature {
  readonly edition: string;
  private readonly entries = new Map<string, HsEntry>();
  private readonly children = new Map<string, string[]>();
  private readonly sectionsById = new Map<string, HsSection>();

  private constructor(edition: string, entries: HsEntry[], sections: HsSection[]) {
    this.edition = edition;
    for (const s of sections) this.sectionsById.set(s.id, s);
    for (const e of entries) {
      this.entries.set(e.code, e);
      if (e.parent) {
        const list = this.children.get(e.parent) ?? [];
        list.push(e.code);
        this.children.set(e.parent, list);
      }
    }
    for (const list of this.children.values()) list.sort();
  }

  static fromCsv(nomenclatureCsv: string, sectionsCsv: string, edition = "HS2022"): Nomenclature {
    const rows = parseCsvRecords(nomenclatureCsv, ["code", "level", "parent", "section", "description"], "nomenclature CSV");
    const entries = rows.map((r, i): HsEntry => {
      const level = Number(r.level);
      if (level !== 2 && level !== 4 && level !== 6) {
        throw new Error(`nomenclature CSV: row ${i + 2} has level '${r.level}', expected 2, 4 or 6`);
      }
      if (!/^\d+$/.test(r.code!) || r.code!.length !== level) {
        throw new Error(`nomenclature CSV: row ${i + 2} has code '${r.code}', expected ${level} digits`);
      }
      return { code: r.code!, level, description: r.description!, parent: r.parent || null, section: r.section! };
    });
    const sections = parseCsvRecords(sectionsCsv, ["section", "chapters", "name"], "sections CSV").map((r) => ({
      id: r.section!,
      name: capitalise(r.name!),
      chapters: r.chapters!.split(";").filter(Boolean),
    }));
    return new Nomenclature(edition, entries, sections);
  }

  get(code: string): HsEntry | undefined {
    return this.entries.get(code);
  }

  has(code: string): boolean {
    return this.entries.has(code);
  }

  /**
   * Looks up a 2, 4 or 6 digit code, or an 8/10-digit national line by its HS 6 subheading;
   * undefined when the code is not in the nomenclature.
   */
  lookup(code: string): HsLookup | undefined {
    if (/^\d{8}(\d{2})?$/.test(code)) {
      const hs6 = this.lookup(code.slice(0, 6));
      return hs6 && { ...hs6, nationalCode: code };
    }
    const entry = this.entries.get(code);
    if (!entry) return undefined;
    const chapter = this.entries.get(code.slice(0, 2))!;
    const heading = code.length >= 4 ? this.entries.get(code.slice(0, 4))! : null;
    const section = this.sectionsById.get(entry.section);
    return {
      code: entry.code,
      level: entry.level,
      description: entry.description,
      chapter: { code: chapter.code, description: chapter.description },
      heading: heading ? { code: heading.code, description: heading.description } : null,
      section: { id: entry.section, name: section?.name ?? entry.section },
    };
  }

  /** Name of a 2, 4 or 6 digit code; the reserved chapter 77 and unknown codes get a plain explanation. */
  nameOf(code: string): string {
    if (RESERVED_CHAPTERS.has(code)) return "(reserved for possible future use)";
    return this.entries.get(code)?.description ?? "(not in HS 2022)";
  }

  sections(): HsSection[] {
    return [...this.sectionsById.values()];
  }

  section(id: string): HsSection | undefined {
    return this.sectionsById.get(id);
  }

  chapters(): HsEntry[] {
    return this.byLevel(2);
  }

  headings(chapter?: string): HsEntry[] {
    return chapter ? this.childrenOf(chapter) : this.byLevel(4);
  }

  subheadings(heading?: string): HsEntry[] {
    return heading ? this.childrenOf(heading) : this.byLevel(6);
  }

  childrenOf(code: string): HsEntry[] {
    return (this.children.get(code) ?? []).map((c) => this.entries.get(c)!);
  }

  /** All 97 chapter slots 01..97 in order, including ones with no entry (77), for fixed-size matrices. */
  chapterSlots(): string[] {
    return Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, "0"));
  }

  get size(): number {
    return this.entries.size;
  }

  private byLevel(level: HsLevel): HsEntry[] {
    return [...this.entries.values()].filter((e) => e.level === level).sort((a, b) => a.code.localeCompare(b.code));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
