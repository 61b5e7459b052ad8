/**
 * A coarse phonetic key for names in Devanagari or Latin script, so that typing `sunita`
 * finds `सुनीता` and `सुनीता` finds `Suneeta`.
 *
 * Why a phonetic key and not transliteration: there is no one Latin spelling of a Hindi
 * name (Pooja/Puja, Jyoti/Jyothi, Laxmi/Lakshmi, Sunita/Suneeta), and Hindi written from
 * a Latin spelling is just as ambiguous (Rekha: रेखा or रेख़ा?). Transliterating one way
 * and comparing text would still miss every spelling variant. Instead both scripts go to
 * one Latin skeleton that throws away exactly what spellers disagree on:
 *   - Devanagari is first read out letter by letter (inherent vowel, matras, nukta forms,
 *     anusvara and candrabindu as n, ज्ञ as gy);
 *   - aspiration goes (kh→k, bh→b, sh→s…: any h after a consonant), and the near
 *     sounds merge: f/ph→p, z→j, w→v, q→k, x→ks, ṣ/ś→s, retroflex = dental;
 *   - vowel length and quality merge: aa→a, ee/ii/e/ai→i, oo/uu/o/au→u;
 *   - every `a` but a word-initial one is dropped: it is the inherent vowel Hindi
 *     writes and Latin spellings keep or drop at will (शबनम is sha-ba-na-ma, said Shabnam);
 *   - m before p/b becomes n (anusvara: चंपा/Champa), and double letters collapse
 *     (before the inherent vowels go, so ममता/Mamta keep both m's).
 * The key is coarse on purpose: search shows a short list to a person who picks, and a
 * missed woman is worse than an extra row. Typing a name letter by letter gives keys that
 * are prefixes of the full name's key, so search-as-you-type is a prefix match.
 *
 * Pure and small, with no I/O: the same key will be computed in memory once names are
 * sealed at rest (see src/data/search-keys.ts).
 */

const consonants: Readonly<Record<string, string>> = {
  क: 'k',
  ख: 'kh',
  ग: 'g',
  घ: 'gh',
  ङ: 'n',
  च: 'ch',
  छ: 'chh',
  ज: 'j',
  झ: 'jh',
  ञ: 'n',
  ट: 't',
  ठ: 'th',
  ड: 'd',
  ढ: 'dh',
  ण: 'n',
  त: 't',
  थ: 'th',
  द: 'd',
  ध: 'dh',
  न: 'n',
  प: 'p',
  फ: 'ph',
  ब: 'b',
  भ: 'bh',
  म: 'm',
  य: 'y',
  र: 'r',
  ल: 'l',
  ळ: 'l',
  व: 'v',
  श: 'sh',
  ष: 'sh',
  स: 's',
  ह: 'h',
};

// Consonant + nukta (़): NFD splits the precomposed forms (क़ U+0958 …) into these pairs.
const nuktaConsonants: Readonly<Record<string, string>> = {
  क: 'q',
  ख: 'kh',
  ग: 'g',
  ज: 'z',
  ड: 'r',
  ढ: 'rh',
  फ: 'f',
  य: 'y',
};

const independentVowels: Readonly<Record<string, string>> = {
  अ: 'a',
  आ: 'aa',
  इ: 'i',
  ई: 'ii',
  उ: 'u',
  ऊ: 'uu',
  ऋ: 'ri',
  ए: 'e',
  ऐ: 'ai',
  ओ: 'o',
  औ: 'au',
  ऑ: 'o',
  ऍ: 'e',
};

const vowelSigns: Readonly<Record<string, string>> = {
  'ा': 'aa',
  'ि': 'i',
  'ी': 'ii',
  'ु': 'u',
  'ू': 'uu',
  'ृ': 'ri',
  'े': 'e',
  'ै': 'ai',
  'ो': 'o',
  'ौ': 'au',
  'ॉ': 'o',
  'ॅ': 'e',
};

const virama = '्';
const nukta = '़';
const nasals: Readonly<Record<string, string>> = { 'ं': 'n', 'ँ': 'n', 'ः': 'h' };

/** Devanagari read out letter by letter in Latin; Latin and other text pass through. */
export function devanagariToLatin(text: string): string {
  const chars = [...text.normalize('NFD')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const isGya = char === 'ज' && chars[i + 1] === virama && chars[i + 2] === 'ञ';
    if (isGya || char in consonants) {
      const hasNukta = !isGya && chars[i + 1] === nukta;
      if (isGya) i += 2;
      else if (hasNukta) i++;
      out += isGya ? 'gy' : ((hasNukta ? nuktaConsonants[char] : undefined) ?? consonants[char]!);
      const next = chars[i + 1];
      if (next === virama) i++;
      else if (next !== undefined && next in vowelSigns) {
        out += vowelSigns[next]!;
        i++;
      } else out += 'a';
      continue;
    }
    if (char in independentVowels) out += independentVowels[char]!;
    else if (char in nasals) out += nasals[char]!;
    else if (char === 'ॐ') out += 'om';
    else if (char >= '०' && char <= '९') out += String(char.charCodeAt(0) - 0x0966);
    else if (char !== nukta && char !== virama) out += char;
  }
  return out;
}

const latinFolds: readonly (readonly [RegExp, string])[] = [
  [/x/g, 'ks'],
  [/q/g, 'k'],
  [/z/g, 'j'],
  [/w/g, 'v'],
  [/f/g, 'p'],
  [/aa/g, 'a'],
  [/ee|ii|ai|ei|e/g, 'i'],
  [/oo|uu|au|ou|o/g, 'u'],
  // Aspiration and digraphs (kh, gh, ch, chh, jh, th, dh, ph, bh, sh, rh): h after a consonant.
  [/([bcdgjklmnprstvy])h+/g, '$1'],
  // A final y after a consonant is a vowel: Guddy, Sunny.
  [/([bcdgjklmnprstv])y$/, '$1i'],
  [/m(?=[pb])/g, 'n'],
  // Doubles go before the inherent vowel does, so Mamta keeps both m's (ममता = ma-ma-taa).
  [/(.)\1+/g, '$1'],
  // The inherent vowel: kept only where it starts the word.
  [/(?<!^)a/g, ''],
];

/** The phonetic key of one word (see the header); '' if it has no letters. */
export function wordKey(word: string): string {
  let key = devanagariToLatin(word)
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  for (const [pattern, replacement] of latinFolds) key = key.replace(pattern, replacement);
  return key;
}

const wordSeparators = /[\s.,;:'"()/\\_-]+/u;

/** The key of each word of a name, in order, without empty ones. */
export function nameKeys(name: string): string[] {
  return name
    .split(wordSeparators)
    .map(wordKey)
    .filter((key) => key.length > 0);
}

/**
 * The key of a name written as one word. Spellers split and join names at will (Zebun
 * Nisa / Zebunnisa, Noor Jahan / Noorjahan), and the key of the joined text is not the
 * word keys put together (the inherent vowels and double letters fall differently), so
 * it is computed from the joined text.
 */
export function joinedNameKey(name: string): string {
  return wordKey(name.split(wordSeparators).join(''));
}

// A name of more words than this is not split into runs: it bounds the keys per name.
const maxRunWords = 6;

/**
 * The joined key (joinedNameKey) of every run of two or more neighbouring words of a
 * name: `Zebun Nisa Khan` gives the keys of ZebunNisa, NisaKhan and ZebunNisaKhan.
 */
export function joinedRunKeys(name: string): string[] {
  const words = name.split(wordSeparators).filter((word) => wordKey(word).length > 0);
  if (words.length > maxRunWords) return [joinedNameKey(name)];
  const keys = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 2; end <= words.length; end++) {
      keys.add(wordKey(words.slice(start, end).join('')));
    }
  }
  return [...keys];
}

/**
 * Whether a typed query matches a name: every query word's key starts some word of the
 * name (so `sun dev` finds `Sunita Devi`, and so does `देवी`).
 */
export function isNameMatch(query: string, name: string): boolean {
  const queryKeys = nameKeys(query);
  if (queryKeys.length === 0) return false;
  const keys = nameKeys(name);
  return queryKeys.every((queryKey) => keys.some((key) => key.startsWith(queryKey)));
}
