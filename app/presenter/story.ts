// The workshop story for presenter mode: each step opens a real page of the product; the presenter bar shows what to
// say and do. Examples include Spanish and Polish descriptions, as traders write them.
export interface StoryStep {
  title: string;
  path: string;
  /** the one sentence on screen, in large type */
  say: string;
  /** only for the presenter (toggle with N) */
  notes: string;
}

const CLASSIFY_EXAMPLES = [
  "frozen shrimps peeled 10 kg ctns",
  "camarones congelados pelados 10 kg",
  "koszulki bawełniane męskie dzianinowe",
  "mens cotton t-shirts knitted 500 pcs",
  "laptop computer 15 inch 8gb ram",
].join("\n");

export const STORY: StoryStep[] = [
  {
    title: "Load an extract",
    path: "/explore",
    say: "A declaration extract loads into the browser: 100,000 lines, no server, no network.",
    notes:
      "Click “Load demo extract”. Point at the validation summary: codes stay text (0101 keeps its zero), wrong codes are listed with the reason.",
  },
  {
    title: "Explore chapters",
    path: "/explore",
    say: "Which chapters carry the volume and value? Click one to filter everything else.",
    notes: "Click the tallest bar in “Lines by HS chapter”; the chip shows the filter. Mention the SQL tab for analysts.",
  },
  {
    title: "Classify live examples",
    path: `/classify?text=${encodeURIComponent(CLASSIFY_EXAMPLES)}`,
    say: "The model suggests HS codes from the goods description — also in Spanish and Polish — and shows which words decided.",
    notes: "Press Classify. Spanish and Polish lines are weaker: the training texts are English tariff wording. That gap is the models' main risk.",
  },
  {
    title: "Compare two versions",
    path: "/compare?a=hs-baseline%401.0.0&b=hs-hierarchical%401.0.0&set=held-out",
    say: "Is the new version really better? By how much, where, and how sure are we?",
    notes: "Read the verdict card aloud. Hover the 61/62 cells (knitted vs not knitted apparel), click one to show the declarations.",
  },
  {
    title: "Request and approve a promotion",
    path: "/promotions",
    say: "A new version reaches production only with frozen evidence and a second admin's approval.",
    notes: "Request hs-hierarchical@1.0.0 on the held-out set. Show that the requester cannot approve; sign in as “approver” to approve.",
  },
  {
    title: "Audit",
    path: "/audit?action=promotion.",
    say: "Who put which model into production, when, and on what evidence — append-only.",
    notes:
      "Show the request and approval entries, then “What was in production at” a time before the approval. Reset the demo on the Present page afterwards.",
  },
];
