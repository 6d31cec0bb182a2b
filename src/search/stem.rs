//! The Snowball Dutch stemmer (the original algorithm of snowballstem.org, as in Lucene and
//! rust-stemmers), written out by hand so that `search.js` can carry a line-for-line port:
//! the browser must stem exactly as the index did. Input is lowercased and accent-folded.
//!
//! `ondersteuning` -> `ondersteun`, `scholen` and `school` -> `schol`, `autisme` -> `autism`.

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'è')
}

/// Stem one lowercased, accent-folded word.
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    // Prelude: initial y, y after a vowel and i between vowels are consonants here.
    if w.first() == Some(&'y') {
        w[0] = 'Y';
    }
    let mut i = 0;
    while i + 1 < w.len() {
        if is_vowel(w[i]) {
            if w[i + 1] == 'i' && i + 2 < w.len() && is_vowel(w[i + 2]) {
                w[i + 1] = 'I';
                i += 3;
                continue;
            }
            if w[i + 1] == 'y' {
                w[i + 1] = 'Y';
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    let (p1, p2) = regions(&w);
    let mut e_found = false;

    // Step 1: heden, en/ene, s/se.
    if ends(&w, "heden") {
        if w.len() - 5 >= p1 {
            w.truncate(w.len() - 5);
            w.extend("heid".chars());
        }
    } else if ends(&w, "ene") || ends(&w, "en") {
        let start = w.len() - if ends(&w, "ene") { 3 } else { 2 };
        en_ending(&mut w, start, p1);
    } else if ends(&w, "se") || ends(&w, "s") {
        let start = w.len() - if ends(&w, "se") { 2 } else { 1 };
        if start >= p1 && start > 0 && !is_vowel(w[start - 1]) && w[start - 1] != 'j' {
            w.truncate(start);
        }
    }
    // Step 2: e.
    e_ending(&mut w, p1, &mut e_found);
    // Step 3a: heid.
    if ends(&w, "heid") {
        let start = w.len() - 4;
        if start >= p2 && !(start > 0 && w[start - 1] == 'c') {
            w.truncate(start);
            if ends(&w, "en") {
                let s = w.len() - 2;
                en_ending(&mut w, s, p1);
            }
        }
    }
    // Step 3b: derivational suffixes.
    if ends(&w, "end") || ends(&w, "ing") {
        let start = w.len() - 3;
        if start >= p2 {
            w.truncate(start);
            let ig = ends(&w, "ig") && w.len() - 2 >= p2 && !(w.len() > 2 && w[w.len() - 3] == 'e');
            if ig {
                w.truncate(w.len() - 2);
            } else {
                undouble(&mut w);
            }
        }
    } else if ends(&w, "ig") {
        let start = w.len() - 2;
        if start >= p2 && !(start > 0 && w[start - 1] == 'e') {
            w.truncate(start);
        }
    } else if ends(&w, "lijk") {
        let start = w.len() - 4;
        if start >= p2 {
            w.truncate(start);
            e_ending(&mut w, p1, &mut e_found);
        }
    } else if ends(&w, "baar") {
        let start = w.len() - 4;
        if start >= p2 {
            w.truncate(start);
        }
    } else if ends(&w, "bar") {
        let start = w.len() - 3;
        if start >= p2 && e_found {
            w.truncate(start);
        }
    }
    // Step 4: undouble a vowel before a final consonant (maan -> man).
    let n = w.len();
    if n >= 4 {
        let last = w[n - 1];
        let pair = (w[n - 3], w[n - 2]);
        if !is_vowel(last) && last != 'I' && pair.0 == pair.1 && matches!(pair.0, 'a' | 'e' | 'o' | 'u') && !is_vowel(w[n - 4]) {
            w.remove(n - 2);
        }
    }
    w.into_iter()
        .map(|c| match c {
            'I' => 'i',
            'Y' => 'y',
            c => c,
        })
        .collect()
}

fn ends(w: &[char], suffix: &str) -> bool {
    let s: Vec<char> = suffix.chars().collect();
    w.len() >= s.len() && w[w.len() - s.len()..] == s[..]
}

/// R1 starts after the first non-vowel that follows a vowel, but not before position 3;
/// R2 is the same rule applied again inside R1.
fn regions(w: &[char]) -> (usize, usize) {
    let n = w.len();
    if n < 3 {
        return (n, n);
    }
    let after_vowel_consonant = |from: usize| -> Option<usize> {
        let v = (from..n).find(|&i| is_vowel(w[i]))?;
        let c = (v + 1..n).find(|&i| !is_vowel(w[i]))?;
        Some(c + 1)
    };
    let Some(mut p1) = after_vowel_consonant(0) else { return (n, n) };
    let p2 = after_vowel_consonant(p1).unwrap_or(n);
    if p1 < 3 {
        p1 = 3;
    }
    (p1, p2)
}

/// Delete the `en`/`ene` starting at `start` when in R1, after a non-vowel, not after `gem`.
fn en_ending(w: &mut Vec<char>, start: usize, p1: usize) {
    if start < p1 || start == 0 || is_vowel(w[start - 1]) {
        return;
    }
    if start >= 3 && w[start - 3..start] == ['g', 'e', 'm'] {
        return;
    }
    w.truncate(start);
    undouble(w);
}

fn e_ending(w: &mut Vec<char>, p1: usize, e_found: &mut bool) {
    *e_found = false;
    let n = w.len();
    if n >= 2 && w[n - 1] == 'e' && n > p1 && !is_vowel(w[n - 2]) {
        w.truncate(n - 1);
        *e_found = true;
        undouble(w);
    }
}

fn undouble(w: &mut Vec<char>) {
    if ends(w, "kk") || ends(w, "dd") || ends(w, "tt") {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn dutch_stems() {
        for (word, expected) in [
            ("ondersteuning", "ondersteun"),
            ("ondersteuningsbehoefte", "ondersteuningsbehoeft"),
            ("scholen", "schol"),
            ("school", "schol"),
            ("autisme", "autism"),
            ("autismeklas", "autismeklas"),
            ("kinderen", "kinder"),
            ("hoogbegaafdheid", "hoogbegaafd"),
            ("hoogbegaafd", "hoogbegaafd"),
            ("thuiszitten", "thuiszit"),
            ("gemeenten", "gemeent"),
            ("lichamelijk", "licham"),
            ("maan", "man"),
            ("dyslexie", "dyslexie"),
            ("ja", "ja"),
            ("", ""),
            ("مدرسة", "مدرسة"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }
}
