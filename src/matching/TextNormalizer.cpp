#include "matching/TextNormalizer.hpp"

#include <array>

namespace soulspot::matching
{
    namespace
    {
        // Lower-case ASCII folds for U+00C0..U+017F; "" marks a non-letter (× and ÷), which becomes a space.
        constexpr std::array<std::string_view, 0x180 - 0xC0> kLatinFold = {
            // U+00C0
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            // U+00D0
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
            // U+00E0
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            // U+00F0
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
            // U+0100
            "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
            // U+0110
            "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
            // U+0120
            "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
            // U+0130
            "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
            // U+0140
            "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
            // U+0150
            "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
            // U+0160
            "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
            // U+0170
            "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
        };

        enum class CharClass { Word, Space, Separator, Open, Close, Join, And };

        bool isLetterBlock(char32_t cp)
        {
            return (cp >= 0x00C0 && cp <= 0x024F && cp != 0xD7 && cp != 0xF7) ||
                   (cp >= 0x0370 && cp <= 0x052F) || (cp >= 0x0590 && cp <= 0x06FF) ||
                   (cp >= 0x0E00 && cp <= 0x0E7F) || (cp >= 0x1100 && cp <= 0x11FF) ||
                   (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x3040 && cp <= 0x30FF) ||
                   (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
                   (cp >= 0xF900 && cp <= 0xFAFF);
        }

        CharClass classifyAscii(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                return CharClass::Word;
            switch (c)
            {
            case '-': case '|': case '~': case '\\': case '/': return CharClass::Separator;
            case '(': case '[': case '{': return CharClass::Open;
            case ')': case ']': case '}': return CharClass::Close;
            case '\'': case '`': return CharClass::Join;
            case '&': case '+': return CharClass::And;
            default: return CharClass::Space;
            }
        }

        // Builds tokens one character at a time; keeps the bracket depth and group counter.
        class TokenBuilder
        {
        public:
            TokenBuilder(std::vector<Token>& out, const NormalizeOptions& options, std::uint8_t component,
                         std::uint16_t group)
                : out_(out), options_(options), component_(component), group_(group)
            {
            }

            void ascii(char c, char next)
            {
                switch (classifyAscii(c))
                {
                case CharClass::Word:
                    current_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
                    break;
                case CharClass::Space:
                    // "Ke$ha" → "kesha": a dollar sign inside a word stands for an s.
                    if (c == '$' && !current_.empty() && next != ' ' && next != '\0')
                        current_.push_back('s');
                    else
                        finish();
                    break;
                case CharClass::Separator: separator(); break;
                case CharClass::Open:
                    separator();
                    ++depth_;
                    break;
                case CharClass::Close:
                    separator();
                    if (depth_ > 0)
                        --depth_;
                    break;
                case CharClass::Join:
                    if (!options_.joinApostrophes)
                        finish();
                    break;
                case CharClass::And:
                    finish();
                    current_ = "and";
                    finish();
                    break;
                }
            }

            void codePoint(char32_t cp, std::string_view raw, char next)
            {
                if (cp >= 0xFF01 && cp <= 0xFF5E) // full-width ASCII
                    return ascii(static_cast<char>(cp - 0xFEE0), next);
                if (cp >= 0x0300 && cp <= 0x036F) // combining marks: drop when folding, keep otherwise
                {
                    if (!options_.stripDiacritics && !current_.empty())
                        current_.append(raw);
                    return;
                }
                if (cp == 0x2018 || cp == 0x2019 || cp == 0x00B4 || cp == 0x02BC)
                    return ascii('\'', next);
                if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
                    return separator();
                if (cp >= 0xC0 && cp < 0x180 && options_.stripDiacritics)
                {
                    const auto fold = kLatinFold[cp - 0xC0];
                    if (fold.empty())
                        return finish();
                    current_.append(fold);
                    return;
                }
                if (options_.stripDiacritics)
                {
                    const auto fold = foldLatinLetter(cp);
                    if (!fold.empty())
                    {
                        current_.append(fold);
                        return;
                    }
                }
                if (isLetterBlock(cp))
                    appendUtf8(current_, lowerCodePoint(cp));
                else
                    finish();
            }

            void separator()
            {
                finish();
                ++group_;
            }

            void finish()
            {
                if (current_.empty())
                    return;
                // Abbreviations uploaders and catalogues disagree on.
                if (current_ == "pt")
                    current_ = "part";
                else if (current_ == "vol")
                    current_ = "volume";
                Token token;
                token.startsWithDigit = current_[0] >= '0' && current_[0] <= '9';
                token.text = std::move(current_);
                token.group = group_;
                token.component = component_;
                token.inBracket = depth_ > 0;
                out_.push_back(std::move(token));
                current_.clear();
            }

            std::uint16_t nextGroup() const { return static_cast<std::uint16_t>(group_ + 1); }

        private:
            std::vector<Token>& out_;
            const NormalizeOptions& options_;
            std::uint8_t component_;
            std::uint16_t group_;
            int depth_{0};
            std::string current_;
        };
    } // namespace

    char32_t decodeUtf8(std::string_view text, std::size_t& pos)
    {
        const auto lead = static_cast<unsigned char>(text[pos]);
        if (lead < 0x80)
        {
            ++pos;
            return lead;
        }
        int extra = 0;
        char32_t cp = 0;
        if ((lead & 0xE0) == 0xC0) { extra = 1; cp = lead & 0x1F; }
        else if ((lead & 0xF0) == 0xE0) { extra = 2; cp = lead & 0x0F; }
        else if ((lead & 0xF8) == 0xF0) { extra = 3; cp = lead & 0x07; }
        else
        {
            ++pos;
            return 0xFFFD;
        }
        if (pos + static_cast<std::size_t>(extra) >= text.size())
        {
            ++pos;
            return 0xFFFD;
        }
        for (int i = 1; i <= extra; ++i)
        {
            const auto byte = static_cast<unsigned char>(text[pos + static_cast<std::size_t>(i)]);
            if ((byte & 0xC0) != 0x80)
            {
                ++pos;
                return 0xFFFD;
            }
            cp = (cp << 6) | (byte & 0x3F);
        }
        pos += static_cast<std::size_t>(extra) + 1;
        return cp;
    }

    void appendUtf8(std::string& out, char32_t cp)
    {
        if (cp < 0x80)
            out.push_back(static_cast<char>(cp));
        else if (cp < 0x800)
        {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        else if (cp < 0x10000)
        {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        else
        {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    std::string_view foldLatinLetter(char32_t cp)
    {
        if (cp >= 0xC0 && cp < 0x180)
            return kLatinFold[cp - 0xC0];
        switch (cp)
        {
        case 0x0192: return "f";
        case 0x01A0: case 0x01A1: return "o";
        case 0x01AF: case 0x01B0: return "u";
        case 0x01CD: case 0x01CE: return "a";
        case 0x01CF: case 0x01D0: return "i";
        case 0x01D1: case 0x01D2: return "o";
        case 0x01D3: case 0x01D4: return "u";
        case 0x0218: case 0x0219: return "s";
        case 0x021A: case 0x021B: return "t";
        case 0x1E9E: return "ss";
        default: return {};
        }
    }

    char32_t lowerCodePoint(char32_t cp)
    {
        if (cp >= 'A' && cp <= 'Z')
            return cp + 32;
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
            return cp + 0x20;
        if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
            return (cp % 2 == 0) ? cp + 1 : cp;
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return (cp % 2 == 1) ? cp + 1 : cp;
        if (cp == 0x178)
            return 0xFF;
        if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
            return cp + 0x20;
        if (cp >= 0x410 && cp <= 0x42F)
            return cp + 0x20;
        if (cp >= 0x400 && cp <= 0x40F)
            return cp + 0x50;
        return cp;
    }

    std::uint16_t tokenizeInto(std::string_view text, std::vector<Token>& out, const NormalizeOptions& options,
                               std::uint8_t component, std::uint16_t firstGroup)
    {
        TokenBuilder builder(out, options, component, firstGroup);
        std::size_t pos = 0;
        while (pos < text.size())
        {
            const std::size_t start = pos;
            const auto byte = static_cast<unsigned char>(text[pos]);
            if (byte < 0x80)
            {
                ++pos;
                builder.ascii(static_cast<char>(byte), pos < text.size() ? text[pos] : '\0');
                continue;
            }
            const char32_t cp = decodeUtf8(text, pos);
            builder.codePoint(cp, text.substr(start, pos - start), pos < text.size() ? text[pos] : '\0');
        }
        builder.finish();
        return builder.nextGroup();
    }

    std::vector<std::string> normalizeWords(std::string_view text, const NormalizeOptions& options)
    {
        std::vector<Token> tokens;
        tokenizeInto(text, tokens, options);
        std::vector<std::string> words;
        words.reserve(tokens.size());
        for (auto& token : tokens)
            words.push_back(std::move(token.text));
        return words;
    }

    std::string normalizeText(std::string_view text, const NormalizeOptions& options)
    {
        std::string joined;
        for (const auto& word : normalizeWords(text, options))
        {
            if (!joined.empty())
                joined.push_back(' ');
            joined += word;
        }
        return joined;
    }

    std::string compactForm(const std::vector<std::string>& words)
    {
        std::string joined;
        for (const auto& word : words)
            joined += word;
        return joined;
    }
} // namespace soulspot::matching
