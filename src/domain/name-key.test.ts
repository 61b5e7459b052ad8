import { describe, expect, it } from 'vitest';
import {
  devanagariToLatin,
  isNameMatch,
  joinedNameKey,
  joinedRunKeys,
  nameKeys,
  wordKey,
} from './name-key.ts';

// Each row: the same name as staff write it, Devanagari first, then Latin spellings.
const sameNames: readonly (readonly string[])[] = [
  ['सुनीता', 'Sunita', 'Suneeta', 'SUNITA'],
  ['प्रिया', 'Priya'],
  ['रेखा', 'Rekha'],
  ['पूजा', 'Pooja', 'Puja'],
  ['शबनम', 'Shabnam'],
  ['ज्योति', 'Jyoti', 'Jyothi'],
  ['लक्ष्मी', 'Laxmi', 'Lakshmi', 'Lakshmee'],
  ['फ़ातिमा', 'फ़ातिमा', 'Fatima', 'Phatima'],
  ['गुड्डी', 'Guddi', 'Guddy'],
  ['अनीता', 'Anita'],
  ['आरती', 'Aarti', 'Arti'],
  ['संगीता', 'Sangeeta', 'Sangita'],
  ['चंपा', 'Champa'],
  ['मोहम्मद', 'Mohammad', 'Muhammad'],
  ['श्वेता', 'Shweta', 'Swetha'],
  ['कैलाश', 'Kailash'],
  ['ज्ञानवती', 'Gyanvati'],
  ['चाँदनी', 'Chandni'],
  ['ऋषि', 'Rishi'],
  ['उषा', 'Usha'],
  ['कमला', 'Kamla', 'Kamala'],
  ['नसरीन', 'Nasreen', 'Nasrin'],
  ['ज़ीनत', 'Zeenat'],
  ['रुखसाना', 'रुख़साना', 'Rukhsana'],
  ['खुशबू', 'Khushboo', 'Khushbu'],
  ['ममता', 'Mamta', 'Mamata'],
  ['शकुंतला', 'Shakuntala'],
  ['पिंकी', 'Pinki', 'Pinky'],
  ['अंजलि', 'अंजली', 'Anjali', 'Anjli'],
  ['ऐश्वर्या', 'Aishwarya'],
  ['हीना', 'Heena', 'Hina'],
];

describe('wordKey', () => {
  it.each(sameNames.map((names) => [names[0]!, names]))(
    'gives %s one key in every spelling',
    (_name, names) => {
      const keys = names.map(wordKey);
      expect(new Set(keys).size, keys.join(' ')).toBe(1);
      expect(keys[0]).not.toBe('');
    },
  );

  it('keeps different names apart', () => {
    const different = ['Sunita', 'Suman', 'Rekha', 'Rakhi', 'Priya', 'Pooja', 'Meena', 'Mamta'];
    expect(new Set(different.map(wordKey)).size).toBe(different.length);
  });

  it('reads the precomposed and the decomposed nukta alike', () => {
    expect(wordKey('\u095E')).toBe(wordKey('\u092B\u093C'));
    expect(wordKey('ज़')).toBe(wordKey('z'));
  });

  it('gives no key to a word with no letters', () => {
    expect(wordKey('—')).toBe('');
    expect(nameKeys('  , ')).toEqual([]);
  });
});

describe('devanagariToLatin', () => {
  it('reads inherent vowels, matras, virama and anusvara', () => {
    expect(devanagariToLatin('शबनम')).toBe('shabanama');
    expect(devanagariToLatin('प्रियंका')).toBe('priyankaa');
    expect(devanagariToLatin('ज्ञान')).toBe('gyaana');
  });

  it('turns Devanagari digits into ASCII digits', () => {
    expect(devanagariToLatin('९८७६')).toBe('9876');
  });
});

describe('typing letter by letter', () => {
  it.each([
    ['Sunita', 'सुनीता'],
    ['सुनीता', 'Suneeta'],
    ['Shabnam', 'शबनम'],
    ['Lakshmi', 'लक्ष्मी'],
    ['Pooja', 'पूजा'],
  ])('every prefix of %s matches %s', (typed, name) => {
    for (let length = 1; length <= [...typed].length; length++) {
      const prefix = [...typed].slice(0, length).join('');
      expect(isNameMatch(prefix, name), prefix).toBe(true);
    }
  });
});

describe('isNameMatch', () => {
  it('needs every query word to start a word of the name', () => {
    expect(isNameMatch('sun devi', 'सुनीता देवी')).toBe(true);
    expect(isNameMatch('देवी सुनी', 'Sunita Devi')).toBe(true);
    expect(isNameMatch('sunita yadav', 'Sunita Devi')).toBe(false);
  });

  it('does not match on letters in the middle of a name', () => {
    expect(isNameMatch('nita', 'Sunita')).toBe(false);
  });

  it('matches nothing on an empty query', () => {
    expect(isNameMatch('', 'Sunita')).toBe(false);
  });
});

describe('names split or joined differently', () => {
  it('gives "Zebun Nisa" and "Zebunnisa" one joined key, in either script', () => {
    expect(joinedNameKey('Zebun Nisa')).toBe(joinedNameKey('Zebunnisa'));
    expect(joinedNameKey('Noor-Jahan')).toBe(joinedNameKey('Noorjahan'));
    expect(joinedNameKey('ज़ेबुन्निसा')).toBe(joinedNameKey('Zebun Nisa'));
    expect(joinedNameKey(' ')).toBe('');
  });

  it('keys every run of two or more neighbouring words', () => {
    expect(joinedRunKeys('Zebun Nisa Khan')).toEqual([
      joinedNameKey('ZebunNisa'),
      joinedNameKey('ZebunNisaKhan'),
      joinedNameKey('NisaKhan'),
    ]);
    expect(joinedRunKeys('Zebunnisa')).toEqual([]);
    expect(joinedRunKeys('a b c d e f g')).toEqual([joinedNameKey('abcdefg')]);
  });
});
