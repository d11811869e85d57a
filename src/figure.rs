//! Milestone figures exactly as written. A TOML float is a double, which
//! holds integers exactly only up to 2^53 and most decimals not at all; a
//! target of 9007199254740993 and its parent's 9007199254740992 would
//! compare equal. A figure keeps the digits: `mantissa / 10^scale`.

use std::cmp::Ordering;
use std::fmt;

/// The most decimal places a figure keeps; more is not a figure from a
/// document.
const MAX_SCALE: u32 = 30;

/// An exact decimal number, `mantissa / 10^scale`.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    mantissa: i128,
    scale: u32,
}

impl Figure {
    /// A whole number.
    pub fn whole(value: i128) -> Figure {
        Figure {
            mantissa: value,
            scale: 0,
        }
    }

    /// A TOML integer from its digits (sign included, no underscores) in
    /// `radix`; `None` beyond `i128`.
    pub fn integer(digits: &str, radix: u32) -> Option<Figure> {
        i128::from_str_radix(digits, radix).ok().map(Figure::whole)
    }

    /// A TOML float from its text (`12.5`, `-1e3`, `6.02E+2`; no
    /// underscores); `None` for `inf` and `nan`, and beyond what a figure
    /// holds.
    pub fn decimal(text: &str) -> Option<Figure> {
        let (number, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
            None => (text, 0),
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let digits = format!("{whole}{fraction}");
        let mut mantissa: i128 = digits.parse().ok()?;
        if mantissa == 0 {
            return Some(Figure::whole(0));
        }
        let mut scale = i64::try_from(fraction.len()).ok()? - i64::from(exponent);
        while scale < 0 {
            mantissa = mantissa.checked_mul(10)?;
            scale += 1;
        }
        let scale = u32::try_from(scale).ok().filter(|s| *s <= MAX_SCALE)?;
        Some(Figure { mantissa, scale }.reduced())
    }

    /// The same figure without trailing zeros after the point.
    fn reduced(mut self) -> Figure {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// The whole number, when the figure is one.
    pub fn as_whole(self) -> Option<i128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// The nearest double, for output formats that have nothing better.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl PartialEq for Figure {
    fn eq(&self, other: &Figure) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Figure {}

impl PartialOrd for Figure {
    fn partial_cmp(&self, other: &Figure) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Figure {
    /// Exact: the figure with fewer decimal places is scaled up to the
    /// other's. If that overflows, it is larger in size than any `i128`,
    /// so its sign decides.
    fn cmp(&self, other: &Figure) -> Ordering {
        let (a, b) = (self.reduced(), other.reduced());
        let scaled = |f: Figure, to: u32| {
            10i128
                .checked_pow(to - f.scale)
                .and_then(|p| f.mantissa.checked_mul(p))
        };
        match a.scale.cmp(&b.scale) {
            Ordering::Equal => a.mantissa.cmp(&b.mantissa),
            Ordering::Less => match scaled(a, b.scale) {
                Some(m) => m.cmp(&b.mantissa),
                None => a.mantissa.cmp(&0),
            },
            Ordering::Greater => match scaled(b, a.scale) {
                Some(m) => a.mantissa.cmp(&m),
                None => 0.cmp(&b.mantissa),
            },
        }
    }
}

impl fmt::Display for Figure {
    /// The digits, with a point when there are decimals: `60`, `12.5`,
    /// `-0.25`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let reduced = self.reduced();
        let digits = reduced.mantissa.unsigned_abs().to_string();
        let sign = if reduced.mantissa < 0 { "-" } else { "" };
        let scale = reduced.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Figure {
        Figure::decimal(text).expect("a figure")
    }

    #[test]
    fn integers_past_two_to_the_53_stay_apart() {
        let a = Figure::integer("9007199254740993", 10).expect("fits");
        let b = Figure::integer("9007199254740992", 10).expect("fits");
        assert!(a > b);
        assert_eq!(a.to_string(), "9007199254740993");
    }

    #[test]
    fn decimals_compare_exactly_and_print_as_written() {
        assert_eq!(d("60.50"), Figure::whole(60).max(d("60.5")));
        assert_eq!(d("60.50").to_string(), "60.5");
        assert_eq!(d("1e3"), Figure::whole(1000));
        assert_eq!(d("-0.25").to_string(), "-0.25");
        assert_eq!(d("2.5E-1").to_string(), "0.25");
        assert!(d("0.1") < d("0.10000000000000000001"));
        assert!(d("0.30000000000000000001") > d("0.3"));
        assert_eq!(Figure::decimal("inf"), None);
        assert_eq!(Figure::decimal("1e400"), None);
    }

    #[test]
    fn comparing_huge_and_fine_figures_does_not_overflow() {
        let huge = Figure::whole(i128::MAX);
        let fine = d("0.000000000000000000000000001");
        assert!(huge > fine);
        assert!(Figure::whole(i128::MIN) < fine);
    }
}
