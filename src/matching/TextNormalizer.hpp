#pragma once
// Text normalisation shared by query building and candidate scoring. Everything is byte-level UTF-8 with a
// fixed folding table (Latin-1, Latin Extended-A, a few Extended-B letters), so results never depend on the
// process locale.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace soulspot::matching
{
    struct NormalizeOptions
    {
        bool stripDiacritics{true}; // "Beyoncé" → "beyonce"; false keeps "beyoncé" (lower-cased)
        bool joinApostrophes{true}; // "Don't" → "dont"; false gives "don t" (Soulseek matches word pieces)
    };

    /// One word of a normalised text, with the structure a Soulseek path gives it.
    struct Token
    {
        std::string text;
        std::uint16_t group{0};     // increments at dashes, brackets and path separators
        std::uint8_t component{0};  // path component index (0 = first folder); always 0 for plain text
        bool inBracket{false};      // inside (...), [...] or {...}
        bool startsWithDigit{false};
    };

    /// Decodes one code point at `pos` and advances it; invalid bytes decode as U+FFFD, one byte each.
    char32_t decodeUtf8(std::string_view text, std::size_t& pos);
    void appendUtf8(std::string& out, char32_t cp);

    /// Lower-case ASCII replacement for a Latin letter with diacritics ("é" → "e", "ß" → "ss"), or "" if none.
    std::string_view foldLatinLetter(char32_t cp);
    /// Simple lower-casing for Latin-1, Latin Extended-A, Greek and Cyrillic capitals; other code points unchanged.
    char32_t lowerCodePoint(char32_t cp);

    /// Splits text into normalised words: lower case, punctuation as space, "&" and "+" as "and".
    /// Appends to `out`; `component` is stamped on every token, groups continue from `firstGroup`.
    /// Returns the next free group number.
    std::uint16_t tokenizeInto(std::string_view text, std::vector<Token>& out, const NormalizeOptions& options = {},
                               std::uint8_t component = 0, std::uint16_t firstGroup = 0);

    /// Words only, for callers that do not need structure.
    std::vector<std::string> normalizeWords(std::string_view text, const NormalizeOptions& options = {});

    /// Words joined by single spaces ("AC/DC — Back in Black!" → "ac dc back in black").
    std::string normalizeText(std::string_view text, const NormalizeOptions& options = {});

    /// Concatenation without spaces: the form used to match "AC/DC" against "ACDC" or "Don t" against "Dont".
    std::string compactForm(const std::vector<std::string>& words);
} // namespace soulspot::matching
