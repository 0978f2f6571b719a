// Which words an apostrophe may start or end: elisions (`’em`, `’90s`, `’ello`) and dropped endings (`goin’`, `o’`, `boys’`).

/**
 * Words written with their first letters dropped, lower case, apostrophes inside as `'`. A
 * straight `'` before one of these is read as an apostrophe, not an opening quote — unless a
 * closing single quote later in the paragraph needs it as its opener (`'Is it true?' she asked`).
 * Sources: common English elisions, Standard Ebooks' list (`'twixt`, `'pon`, `'cept`, `'appen`…),
 * and h-dropping dialect (`'ello`, `'ow`, `'ere`).
 */
const leadingElisions = new Set([
  // Shortened words.
  'em', 'cause', 'cos', 'coz', 'cuz', 'til', 'till', 'bout', 'round', 'nuff', 'nough', 'kay', 'k', 'sup',
  'tis', "tisn't", 'twas', "twasn't", 'twere', 'twill', 'twould', "twouldn't", 'twixt', 'tween', 'neath',
  'gainst', 'midst', 'mongst', 'pon', 'cept', 'fore', 'fraid', 'spose', "s'pose", 'sposed', "s'posed",
  'n', 'nother', 'nuther', 'sides', 'stead', 'specially', 'scuse', 'member', 'course', 'lo', 'gin',
  'uns', 'ud', 'bama', 'burbs', 'tater', 'taters', 'possum', 'coon', "y'know", 'spect', 'fess', 's',
  // Dialect: American South and Midwest, Scots, Yorkshire and Lancashire (Twain, Stevenson, Burnett, Gaskell).
  'a', 'un', 'ee', 'ull', 'uz', 'um', 'm', 'f', 't', 'at', 'fo', 'kase', 'spec', 'deed', 'long', 'way', 'bove', 'low',
  'lowed', 'pears', 'peared', 'pon', 'tend', 'thout', 'dout', 'sturb', 'baout', 'cep', 'niff', "tain't", "taint",
  "twarn't", 'prentice', 'cording', 'lection', 'spected', 'xactly', 'zactly', 'ell', 'elpin', "elpin'",
  // Greetings with their first syllable dropped.
  'night', 'nite', 'mornin', 'morning', 'evenin', 'evening', 'afternoon',
  // H-dropping.
  'ello', 'allo', 'ullo', 'ere', "ere's", 'im', 'imself', 'er', 'erself', 'is', 'isself', 'alf', 'e', "e's",
  "e'd", "e'll", "adn't", "asn't", 'ave', "aven't", 'aving', 'ouse', 'ome', 'ead', 'eart', 'elp', 'orse',
  'orrible', 'ungry', 'appy', 'appen', 'appened', 'ard', 'igh', 'ang', 'eard', 'ey', 'oo', 'eck', 'eaven',
  'oney', 'urt', 'usband', 'undred', 'ospital', 'ow', "ow's",
]);

/** `'90s`, `'67`, `'70's`: two digits, a decade's `s` (or `'s`) allowed. */
const yearOrDecade = /^[0-9]{2}(?:'?s)?$/;

const contractionEnding = /'(?:d|s|ll|re|ve|t|m)$/;

/** True when `word` (the letters after a word-initial apostrophe) is a known elision. */
export function isLeadingElision(word: string): boolean {
  const normal = normalizeApostrophes(word.toLowerCase());
  // With a contraction after it: `'niff'd`, `'un's`, `'e'll`.
  const stem = normal.replace(contractionEnding, '');
  return leadingElisions.has(normal) || leadingElisions.has(stem) || yearOrDecade.test(normal);
}

/**
 * Words that end in an apostrophe where letters were dropped, lower case: `o'` (of), `an'`,
 * `th'`, `ol'`, `lil'`… Together with g-dropping (`goin'`, `nothin'`) and plural possessives
 * (`the boys' car`), they make a word-final `'` an apostrophe while a single quotation is open —
 * unless the quotation finds no other closing mark.
 */
const trailingElisions = new Set(['a', 'cep', 'o', 'an', 'n', 'th', 'tha', 'ol', 'lil', 'fo', 'wi', 'gi', 'ta', 'mo', 'jus', 'wha']);

/** `goin`, `nothin`, `fightin`: three or more letters ending in `in`. */
const gDropping = /^\p{L}+in$/u;

/** True when an apostrophe after `word` most likely ends the word, not a single quotation. */
export function isTrailingElision(word: string): boolean {
  return trailingElision(word) !== undefined;
}

/**
 * How sure the word says an apostrophe after it drops letters: `listed` for the words above,
 * `pattern` for a dropped g (`goin'`) or a plural or sibilant possessive (`the boys'`, `James'`),
 * which many other words look like (`nein`, `viens`).
 */
export function trailingElision(word: string): 'listed' | 'pattern' | undefined {
  const normal = normalizeApostrophes(word.toLowerCase());
  if (trailingElisions.has(normal)) return 'listed';
  if (gDropping.test(normal)) return 'pattern';
  return normal.length > 1 && (normal.endsWith('s') || normal.endsWith('z') || normal.endsWith('x')) ? 'pattern' : undefined;
}

const apostropheVariants = /[’‘`´]/g;

function normalizeApostrophes(word: string): string {
  return word.replace(apostropheVariants, "'");
}
