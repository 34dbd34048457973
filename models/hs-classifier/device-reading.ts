// Revision 11: a line about an accessory names the device it is for, often by a product name ("iPhone 15 case", "case
// for iPad Air 5", "MacBook Air 13 sleeve"). The name is the line's rarest word, so the search found the device; read
// as the kind of device it names ("phone case", "tablet case", "laptop sleeve") the line finds the accessory. A line
// about the device itself ("iPhone 15 Pro 256GB") keeps the name. Framework-free and browser-safe.

/** A product name read as the kind of device it names, as written in the line. */
export interface DeviceRead {
  /** as the line writes it, with the model words after it ("iPhone 15 Pro Max") */
  name: string;
  /** the kind of device it was read as ("phone") */
  device: string;
}

// The nouns an accessory line is about, in English and the five languages of our trade glossaries (the line is then
// read as it would be: "Funda iPhone 15" as "funda phone", a case). Parts a device is repaired with ("screen",
// "housing") are left out: a replacement screen for a phone is a part of it, which the device's name helps to find.
const ACCESSORY = [
  "cases?|covers?|sleeves?|pouch(?:es)?|bags?|holders?|mounts?|stands?|docks?|cradles?|straps?|bands?|bracelets?|chargers?",
  "charging|cables?|cords?|adapters?|protectors?|films?|skins?|grips?|batter(?:y|ies)|tips|pads|cushions?|brackets?",
  "shells?|bumpers?|lanyards?|keyboards?|glass|folio|supports?",
  // Spanish, Portuguese
  "fundas?|carcasas?|cargador(?:es)?|correas?|soportes?|estuches?|protector(?:es)?|vidrio|cristal|micas?|pulseras?",
  "capas?|capinhas?|pel[ií]culas?|carregador(?:es)?|cabos?|pulseiras?|suportes?|estojos?|vidro",
  // French, German, Polish
  "coques?|housses?|[ée]tuis?|chargeurs?|c[âa]bles?|verre|sacoches?|pochettes?",
  "h[üu]llen?|schutzh[üu]llen?|taschen?|ladeger[äa]te?|ladekabel|kabel|armb[äa]nder|armband|halterungen?|st[äa]nder|panzerglas|schutzfolien?",
  "etui|pokrowi(?:ec|ce)|[łl]adowark[aiey]|kable|pas(?:ek|ki)|uchwyty?|szk[łl]o|folia|torb[ay]",
].join("|");
// Words that name a model after a product name ("iPhone 15 Pro Max", "Galaxy S23 Ultra", "iPad Air 5", "Series 9")
const MODEL_WORD =
  /^[\s(-]*(?:[\p{L}]*\d[\p{L}\p{N}]*|pro|max|plus|ultra|lite|mini|air|se|fe|note|series|gen|generation|edge|neo|oled|slim)(?![\p{L}\p{N}])\)?/iu;
// Up to three words after the name and its model words may stand before the accessory ("iPhone 15 Pro clear silicone
// case", "Redmi Note 12 phone case"), none of them a word that adds goods to the device ("Galaxy S23 with charger",
// "iPhone 15 con cargador")
const ADDING = "with|and|plus|incl|including|con|com|avec|mit|und|et|y|e|z|ze|i|oraz";
const ACCESSORY_AFTER = new RegExp(
  `^(?:[\\s,/-]+(?!(?:${ADDING})(?![\\p{L}\\p{N}]))[\\p{L}\\p{N}'’-]+){0,3}?[\\s,/-]+(?:${ACCESSORY})(?![\\p{L}\\p{N}])`,
  "iu",
);
// "… case for iPhone 13", "… cover compatible with iPad", "strap fits Apple Watch", "Hülle für iPhone", "Etui do
// iPhone": the accessory before the name, with a word for "for" between them,
const FOR =
  "for|compatible with|fits?|fit for|para|compatible con|compat[íi]vel com|pour|compatible avec|f[üu]r|kompatibel mit|passend f[üu]r|do|dla|na";
// or right before it, as Spanish, Portuguese and French write it ("Funda iPhone 15", "Coque iPhone 15 Pro")
const ACCESSORY_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ACCESSORY})(?![\\p{L}\\p{N}])(?:[^.;]*?(?<![\\p{L}\\p{N}])(?:${FOR})\\s+(?:(?:the|your|new|all|el|la|o|a|le|les|den|das|die)\\s+)*|[\\s,:-]+)$`,
  "iu",
);

/**
 * What reads a line's product names as the kind of device they name (readDevices), for a device list ([name, device],
 * lower case), or undefined for an empty list. Names are found as lines write them: any case, a space or hyphen between
 * the words of a name as either or none ("Galaxy-Watch", "applewatch"), whole words with a Polish or German ending,
 * the longest first ("galaxy watch" before "galaxy").
 */
export function deviceReader(devices: readonly (readonly [string, string])[]): ((text: string) => DevicesRead | undefined) | undefined {
  if (!devices.length) return undefined;
  const joined = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");
  const deviceOf = new Map(devices.map(([name, device]) => [joined(name), device]));
  const names = [...devices]
    .map(([name]) => name)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[\\s_-]*"));
  // a Polish or German ending after a name is part of it ("etui na iPada", "Ładowarka do MacBooka", "iPhones")
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(${names.join("|")})(?:a|u|em|ie|s)?(?![\\p{L}\\p{M}\\p{N}])`, "giu");
  return (text) => readDevices(text, pattern, (name) => deviceOf.get(joined(name))!);
}

/** A line read so: the kind of device in place of each name, and what was read. */
export interface DevicesRead {
  text: string;
  read: DeviceRead[];
}

/**
 * A line with every product name that names the device an accessory is for replaced by the kind of device
 * ("iPhone 15 Pro Max silicone case" → "phone silicone case"), and what was read; undefined when the line names no
 * accessory of a named device.
 */
function readDevices(text: string, pattern: RegExp, deviceOf: (name: string) => string): DevicesRead | undefined {
  const read: DeviceRead[] = [];
  let out = "";
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    let end = match.index + match[0].length;
    for (let model = MODEL_WORD.exec(text.slice(end)); model; model = MODEL_WORD.exec(text.slice(end))) end += model[0].length;
    const before = text.slice(from, match.index);
    // a second device of the same accessory ("charger for iPhone and AirPods")
    const another = read.length > 0 && /^\s*(?:and|or|&|\/|,)\s*$/i.test(before);
    if (!another && !ACCESSORY_AFTER.test(text.slice(end)) && !ACCESSORY_BEFORE.test(before)) continue;
    const device = deviceOf(match[1]!);
    read.push({ name: text.slice(match.index, end).trim(), device });
    // the kind once where the line names it after the name ("Redmi Note 12 phone case")
    const named = new RegExp(`^\\s*${device}`, "i").test(text.slice(end));
    out += `${text.slice(from, match.index)}${named ? "" : device}`;
    from = end;
  }
  return read.length ? { text: out + text.slice(from), read } : undefined;
}
