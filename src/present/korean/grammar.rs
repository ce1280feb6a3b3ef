//! Korean grammar the catalogue needs around values it does not know in advance: which form of
//! a particle follows a name or a number (을/를, 이/가, 은/는, 과/와, 으로/로), and counts read
//! in 만 and 억 ("200만 명"). A sentence writes such a particle as Korean writes it when the
//! word is unknown, "을(를)", and [`finish`] puts the right form in its place.
//!
//! The particle follows how the word ends when read aloud: a Hangul syllable by its final
//! consonant (받침), a digit by its Korean reading (1 일, 3 삼, 6 육, 10 십, 100 백, ...), a
//! Latin letter by its Korean letter name (L 엘, M 엠, N 엔, R 알, the others without one),
//! since Korean engineers read DNS, CDN and LRU letter by letter. Quotes, spaces and unit signs
//! after the word are skipped; a closing bracket's group is skipped too, as Korean writing
//! agrees a particle with the word before the brackets ("로드밸런서 (데이터 센터 1)를", not
//! "…)을").

use crate::present::format::grouped;

/// A particle whose form depends on the word before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Particle {
    /// Object: 을 after a final consonant, 를 after a vowel.
    EulReul,
    /// Subject: 이 / 가.
    IGa,
    /// Topic: 은 / 는.
    EunNeun,
    /// "and, with": 과 / 와.
    GwaWa,
    /// "to, as, by": 으로 after a final consonant other than ㄹ, 로 after a vowel or ㄹ.
    EuroRo,
}

/// How a word ends when read aloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    Vowel,
    /// A final consonant other than ㄹ.
    Consonant,
    /// The final consonant ㄹ (which takes 로, not 으로).
    Rieul,
}

/// The particle `p` in the form that follows `word`.
pub fn particle(word: &str, p: Particle) -> &'static str {
    let ending = ending(word);
    let after_consonant = ending != Ending::Vowel;
    match p {
        Particle::EulReul => pick(after_consonant, "을", "를"),
        Particle::IGa => pick(after_consonant, "이", "가"),
        Particle::EunNeun => pick(after_consonant, "은", "는"),
        Particle::GwaWa => pick(after_consonant, "과", "와"),
        Particle::EuroRo => pick(ending == Ending::Consonant, "으로", "로"),
    }
}

/// The unresolved forms of the particles, as Korean writes them where the word before is not
/// known: a sentence built with them goes through [`finish`].
pub(crate) const UNRESOLVED: [(&str, Particle); 5] = [
    ("을(를)", Particle::EulReul),
    ("이(가)", Particle::IGa),
    ("은(는)", Particle::EunNeun),
    ("과(와)", Particle::GwaWa),
    ("(으)로", Particle::EuroRo),
];

/// `sentence` with each unresolved particle ("을(를)", "이(가)", "은(는)", "과(와)", "(으)로")
/// in the form the words before it take: `finish("ID 7을(를) 씁니다")` is "ID 7을 씁니다".
pub fn finish(sentence: String) -> String {
    if !sentence.contains('(') {
        return sentence;
    }
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence.as_str();
    'scan: while let Some(c) = rest.chars().next() {
        for (form, p) in UNRESOLVED {
            if let Some(after) = rest.strip_prefix(form) {
                out.push_str(particle(&out, p));
                rest = after;
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn pick(first: bool, a: &'static str, b: &'static str) -> &'static str {
    if first { a } else { b }
}

fn ending(word: &str) -> Ending {
    // A trailing group in brackets, after a word of its own: the word before it decides.
    let trimmed = word.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && inner[..open].chars().any(|c| c.is_alphanumeric())
    {
        return ending(&inner[..open]);
    }
    let Some((last, c)) = word
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric() || is_hangul(c))
    else {
        return Ending::Vowel;
    };
    if is_hangul(c) {
        return match (c as u32 - 0xAC00) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        };
    }
    // A number ends as its last digit is read (1 일, 3 삼, 6 육), or on the power of ten a
    // last 0 stands for (십, 백, 천, 만) or on 영: all three a consonant other than ㄹ.
    if let Some(digit) = c.to_digit(10) {
        return match digit {
            1 | 7 | 8 => Ending::Rieul,
            0 | 3 | 6 => Ending::Consonant,
            _ => Ending::Vowel,
        };
    }
    if c.is_ascii_alphabetic() {
        // An acronym (last two letters capitals, or a lone capital) reads letter by letter;
        // a word in lower case ends on its last sound.
        let acronym =
            c.is_ascii_uppercase() && !word[..last].ends_with(|b: char| b.is_ascii_lowercase());
        return if acronym {
            match c {
                'L' | 'R' => Ending::Rieul,
                'M' | 'N' => Ending::Consonant,
                _ => Ending::Vowel,
            }
        } else {
            match c.to_ascii_lowercase() {
                'l' => Ending::Rieul,
                'b' | 'c' | 'd' | 'g' | 'k' | 'm' | 'n' | 'p' | 't' => Ending::Consonant,
                _ => Ending::Vowel,
            }
        };
    }
    Ending::Vowel
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A whole count as Korean readers group it, in 만 (10⁴) and 억 (10⁸), with thousands
/// separators inside each group: 2,000,000 is "200만", 25,000 is "2만 5,000", 150,000,000 is
/// "1억 5,000만", 9,999 is "9,999".
pub fn count(n: u64) -> String {
    if n < 10_000 {
        return grouped(n);
    }
    let groups = [
        (n / 1_000_000_000_000, "조"),
        (n / 100_000_000 % 10_000, "억"),
        (n / 10_000 % 10_000, "만"),
        (n % 10_000, ""),
    ];
    groups
        .iter()
        .filter(|(g, _)| *g > 0)
        .map(|(g, unit)| format!("{}{unit}", grouped(*g)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `word` followed by the right form of `p`: `with("캐시", Particle::IGa)` is "캐시가".
    fn with(word: &str, p: Particle) -> String {
        format!("{word}{}", particle(word, p))
    }

    #[test]
    fn a_finished_sentence_takes_the_form_each_word_before_a_particle_takes() {
        assert_eq!(finish("ID 7을(를) 씁니다".into()), "ID 7을 씁니다");
        assert_eq!(finish("ID 2을(를) 씁니다".into()), "ID 2를 씁니다");
        assert_eq!(
            finish("캐시이(가) 웹 서버과(와) DNS(으)로 보냅니다".into()),
            "캐시가 웹 서버와 DNS로 보냅니다"
        );
        assert_eq!(finish("데이터베이스은(는)".into()), "데이터베이스는");
        assert_eq!(
            finish("부산항(으)로, 서울(으)로".into()),
            "부산항으로, 서울로"
        );
        // Quotes and a closing bracket's group after the word are looked past.
        assert_eq!(finish("“3”은(는) 숫자".into()), "“3”은 숫자");
        assert_eq!(
            finish("로드밸런서 (데이터 센터 1)을(를) 켭니다".into()),
            "로드밸런서 (데이터 센터 1)를 켭니다"
        );
        // Brackets that are not a particle's stay as they are.
        assert_eq!(
            finish("시드 1을(를) 씁니다(입력: “x”)".into()),
            "시드 1을 씁니다(입력: “x”)"
        );
        assert_eq!(finish("괄호(는) 그대로".into()), "괄호(는) 그대로");
    }

    #[test]
    fn particles_follow_the_final_consonant() {
        assert_eq!(with("캐시", Particle::IGa), "캐시가");
        assert_eq!(with("데이터베이스", Particle::EulReul), "데이터베이스를");
        assert_eq!(with("웹 서버", Particle::EulReul), "웹 서버를");
        assert_eq!(with("로드밸런서", Particle::EunNeun), "로드밸런서는");
        assert_eq!(with("메시지 큐", Particle::GwaWa), "메시지 큐와");
        assert_eq!(with("샤드", Particle::EuroRo), "샤드로");
        assert_eq!(with("세션 저장소", Particle::EulReul), "세션 저장소를");
        assert_eq!(
            with("주 데이터베이스 서버", Particle::IGa),
            "주 데이터베이스 서버가"
        );
        assert_eq!(with("작업 프로세스", Particle::EuroRo), "작업 프로세스로");
        assert_eq!(with("데이터 센터", Particle::EuroRo), "데이터 센터로");
        assert_eq!(with("사본", Particle::IGa), "사본이");
        assert_eq!(with("서울", Particle::EuroRo), "서울로");
        assert_eq!(with("부산항", Particle::EuroRo), "부산항으로");
    }

    #[test]
    fn numbers_and_latin_read_as_spoken() {
        assert_eq!(with("1", Particle::IGa), "1이"); // 일
        assert_eq!(with("2", Particle::IGa), "2가"); // 이
        assert_eq!(with("3", Particle::EulReul), "3을"); // 삼
        assert_eq!(with("10", Particle::EulReul), "10을"); // 십
        assert_eq!(with("1,000", Particle::EuroRo), "1,000으로"); // 천
        assert_eq!(with("7", Particle::EuroRo), "7로"); // 칠
        assert_eq!(with("DNS", Particle::EulReul), "DNS를"); // 에스
        assert_eq!(with("CDN", Particle::EulReul), "CDN을"); // 엔
        assert_eq!(with("LRU", Particle::IGa), "LRU가"); // 유
        assert_eq!(with("URL", Particle::EuroRo), "URL로"); // 엘
        assert_eq!(with("Redis", Particle::IGa), "Redis가");
        assert_eq!(with("web-1", Particle::IGa), "web-1이");
        assert_eq!(with("웹 서버 (2)", Particle::IGa), "웹 서버 (2)가");
        // The word before the brackets decides, not what they hold.
        assert_eq!(
            with("로드밸런서 (데이터 센터 1)", Particle::EulReul),
            "로드밸런서 (데이터 센터 1)를"
        );
        assert_eq!(
            with("데이터베이스 (유럽)", Particle::IGa),
            "데이터베이스 (유럽)가"
        );
        assert_eq!(with("캐시 (DC1)", Particle::EunNeun), "캐시 (DC1)는");
        assert_eq!(with("(2)", Particle::IGa), "(2)가");
        assert_eq!(with("\"캐시\"", Particle::EulReul), "\"캐시\"를");
        assert_eq!(with("", Particle::IGa), "가");
    }

    #[test]
    fn counts_group_in_man_and_eok() {
        assert_eq!(count(0), "0");
        assert_eq!(count(9_999), "9,999");
        assert_eq!(count(10_000), "1만");
        assert_eq!(count(25_000), "2만 5,000");
        assert_eq!(count(2_000_000), "200만");
        assert_eq!(count(20_000_000), "2,000만");
        assert_eq!(count(150_000_000), "1억 5,000만");
        assert_eq!(count(100_000_001), "1억 1");
        assert_eq!(count(3_000_000_000_000), "3조");
    }
}
