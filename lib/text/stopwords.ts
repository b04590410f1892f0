/**
 * Raw stopword lists. Entries are returned unnormalised; the analyzer runs them through its own
 * folding and tokenizing so that list and text always agree (e.g. Arabic ة vs ه, Greek accents).
 */
import { createRequire } from 'node:module';

// createRequire rather than a JSON import attribute: the attribute syntax changed within Node 20.
const require = createRequire(import.meta.url);
const STOPWORDS_ISO = require('stopwords-iso') as Readonly<Record<string, readonly string[]>>;

function words(spaceSeparated: string): readonly string[] {
  return spaceSeparated.split(/\s+/).filter((w) => w !== '');
}

/**
 * stopwords-iso has no Telugu list. These are high-frequency function words (conjunctions,
 * demonstratives, pronouns, postpositions written as separate words, copulas and negators).
 */
const TELUGU_STOPWORDS: readonly string[] = words(`
  మరియు కానీ లేదా ఈ ఆ ఒక అది ఇది అవి ఇవి అని కూడా ఉంది ఉన్న ఉన్నాయి ఉంటుంది లేదు కాదు నేను మేము మనం
  నువ్వు మీరు అతను ఆమె వారు వాళ్ళు తన తమ కోసం నుండి నుంచి ద్వారా తో పై లో కు గా వంటి మరి అయితే కాబట్టి
  ఎందుకంటే చాలా అన్ని ప్రతి ఏ ఎవరు ఏమి ఎక్కడ ఎప్పుడు ఎలా ఇంకా అంటే గురించి తర్వాత ముందు వరకు
`);

/**
 * stopwords-iso's English list is a merge of web-page lists and stops many topical words ("world",
 * "computer", "research", "state", "novel", number words...) that carry real query intent in a
 * retrieval engine. Those are kept as terms. English and German are curated this way; other
 * languages use stopwords-iso as published.
 */
const ENGLISH_KEEP: readonly string[] = words(`
  area areas bill billion biol computer date effect eight eighty eleven fifteen fifth fifty fire five
  forty four free goods gov group groups home homepage html http hundred index information interest
  interests invention keys kg km length line man member members men microsoft million mug name
  netscape nine ninety run novel number numbers order orders page pages problem problems research ring
  room rooms section seven seventy site six sixty state states system ten test text thirty thousand
  three trillion twelve twenty two uk value web webpage website width words work works world year
  years young zero
`);

/**
 * The German list has the same problem: numbers and ordinals, "Mensch", "Jahre", "Recht", "groß"...
 * are what a query like "erster Mensch im Weltraum" is about.
 */
const GERMAN_KEEP: readonly string[] = words(`
  acht achte achten achter achtes beispiel bekannt drei dritte dritten dritter drittes elf ernst erste
  ersten erster erstes fünf fünfte fünften fünfter fünftes gross grosse grossen grosser grosses große
  großen großer großes gut gute guter gutes jahr jahre jahren kleine kleinen kleiner kleines lange
  mensch menschen mittel morgen neun neunte neunten neunter neuntes ordnung recht rechte rechten
  rechter rechtes sache schlecht schluss sechs sechste sechsten sechster sechstes sieben siebente
  siebenten siebenter siebentes suche tag tage tagen vier vierte vierten vierter viertes zehn zehnte
  zehnten zehnter zehntes zwanzig zwei zweite zweiten zweiter zweites zwölf
`);

const OWN_LISTS: Readonly<Record<string, readonly string[]>> = { te: TELUGU_STOPWORDS };
const KEEP: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(ENGLISH_KEEP),
  de: new Set(GERMAN_KEEP),
};

/** Stopwords for a language key ('en', 'te'...); empty when none are known. */
export function rawStopwords(lang: string): readonly string[] {
  const list = OWN_LISTS[lang] ?? STOPWORDS_ISO[lang] ?? [];
  const keep = KEEP[lang];
  return keep === undefined ? list : list.filter((w) => !keep.has(w));
}
