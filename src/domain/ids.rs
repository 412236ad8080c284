//! Ids for new documents. The caller supplies the randomness (the browser's
//! `crypto.getRandomValues`), so this stays pure and testable.

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// 128 random bits as 26 characters of lowercase Crockford base32: safe in
/// keys, URLs and file names, and unambiguous when read aloud to support.
pub fn new_id(entropy: [u8; 16]) -> String {
    let mut n = u128::from_be_bytes(entropy);
    let mut out = [0u8; 26];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n & 31) as usize];
        n >>= 5;
    }
    out.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keys::is_valid_id;

    // Pins: ids are 26 valid key characters and differ when the entropy does.
    #[test]
    fn ids_are_valid_and_distinct() {
        let a = new_id([0; 16]);
        let b = new_id([255; 16]);
        let c = new_id([7; 16]);
        assert_eq!(a, "0".repeat(26));
        assert_eq!(a.len(), 26);
        assert!(is_valid_id(&b) && is_valid_id(&c));
        assert_ne!(b, c);
    }
}
