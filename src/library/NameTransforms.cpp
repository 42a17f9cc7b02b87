#include "library/NameTransforms.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <regex>
#include <utility>
#include <vector>

namespace soulspot::library
{
    namespace
    {
        // Splits valid UTF-8 into code point byte sequences (input is already repaired by the caller or ASCII).
        std::vector<std::string_view> codePoints(std::string_view text)
        {
            std::vector<std::string_view> out;
            for (std::size_t i = 0; i < text.size();)
            {
                const auto b = static_cast<unsigned char>(text[i]);
                std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
                len = std::min(len, text.size() - i);
                out.push_back(text.substr(i, len));
                i += len;
            }
            return out;
        }

        // Precomposed Latin-1 / Latin Extended-A letters with their ASCII base; enough for artist names in
        // practice without pulling in ICU.
        constexpr std::array<std::pair<std::string_view, std::string_view>, 64> kFolds{{
            {"À", "A"}, {"Á", "A"}, {"Â", "A"}, {"Ã", "A"}, {"Ä", "A"}, {"Å", "A"}, {"Æ", "AE"}, {"Ç", "C"},
            {"È", "E"}, {"É", "E"}, {"Ê", "E"}, {"Ë", "E"}, {"Ì", "I"}, {"Í", "I"}, {"Î", "I"}, {"Ï", "I"},
            {"Ñ", "N"}, {"Ò", "O"}, {"Ó", "O"}, {"Ô", "O"}, {"Õ", "O"}, {"Ö", "O"}, {"Ø", "O"}, {"Ù", "U"},
            {"Ú", "U"}, {"Û", "U"}, {"Ü", "U"}, {"Ý", "Y"}, {"ß", "ss"}, {"à", "a"}, {"á", "a"}, {"â", "a"},
            {"ã", "a"}, {"ä", "a"}, {"å", "a"}, {"æ", "ae"}, {"ç", "c"}, {"è", "e"}, {"é", "e"}, {"ê", "e"},
            {"ë", "e"}, {"ì", "i"}, {"í", "i"}, {"î", "i"}, {"ï", "i"}, {"ñ", "n"}, {"ò", "o"}, {"ó", "o"},
            {"ô", "o"}, {"õ", "o"}, {"ö", "o"}, {"ø", "o"}, {"ù", "u"}, {"ú", "u"}, {"û", "u"}, {"ü", "u"},
            {"ý", "y"}, {"ÿ", "y"}, {"Ł", "L"}, {"ł", "l"}, {"Š", "S"}, {"š", "s"}, {"Ž", "Z"}, {"ž", "z"},
        }};

        bool isCombiningMark(std::string_view cp)
        {
            // U+0300–U+036F encode as CC 80 – CD AF.
            if (cp.size() != 2)
                return false;
            const auto b0 = static_cast<unsigned char>(cp[0]);
            const auto b1 = static_cast<unsigned char>(cp[1]);
            return b0 == 0xCC || (b0 == 0xCD && b1 <= 0xAF);
        }

        std::string collapseSpaces(std::string s)
        {
            static const std::regex kSpaces(" {2,}");
            s = std::regex_replace(s, kSpaces, " ");
            const auto first = s.find_first_not_of(' ');
            if (first == std::string::npos)
                return {};
            return s.substr(first, s.find_last_not_of(' ') - first + 1);
        }
    } // namespace

    std::string stripDiacritics(std::string_view text)
    {
        std::string out;
        for (const auto cp : codePoints(text))
        {
            if (isCombiningMark(cp))
                continue;
            bool folded = false;
            for (const auto& [from, to] : kFolds)
                if (cp == from)
                {
                    out += to;
                    folded = true;
                    break;
                }
            if (!folded)
                out += cp;
        }
        return out;
    }

    std::string cleanName(std::string_view text)
    {
        std::string s(text);
        static const std::regex kAmpersand("&");
        static const std::regex kSlash("/");
        static const std::regex kLoneSymbol(R"((^|\s)[,<>/\\;:'"|`~!?@%*\-_=]+(?=\s|$))");
        static const std::regex kTrailingPunct(R"([':?,](?=(?:(?:s|m)\s)|\s|$))");
        static const std::regex kBrackets(R"([()\[\]{}])");
        s = std::regex_replace(s, kAmpersand, "and");
        s = std::regex_replace(s, kSlash, " ");
        s = std::regex_replace(s, kLoneSymbol, "$1");
        s = std::regex_replace(s, kTrailingPunct, "");
        s = std::regex_replace(s, kBrackets, "");
        return collapseSpaces(stripDiacritics(s));
    }

    std::string theVariant(std::string_view text)
    {
        static const std::regex kArticle(R"(^(The|An|A)\s+(.*?)((?:\s*\([^)]*\))*)$)", std::regex::icase);
        const std::string s(text);
        std::smatch m;
        if (!std::regex_match(s, m, kArticle) || m[2].length() == 0)
            return s;
        return m[2].str() + ", " + m[1].str() + m[3].str();
    }

    std::string replaceIllegalInTokenValue(std::string_view text)
    {
        std::string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i)
        {
            const char c = text[i];
            switch (c)
            {
            case '\\':
            case '/': out += '+'; break;
            case '?': out += '!'; break;
            case '*': out += '-'; break;
            case '<':
            case '>':
            case '|':
            case '"': break;
            case ':':
                // Smart: "Title: Sub" reads best as "Title - Sub"; any other colon becomes a dash.
                if (i + 1 < text.size() && text[i + 1] == ' ')
                    out += " -";
                else
                    out += '-';
                break;
            default: out += c;
            }
        }
        const auto first = out.find_first_not_of(" .");
        if (first == std::string::npos)
            return {};
        out.erase(0, first);
        out.erase(out.find_last_not_of(' ') + 1);
        return out;
    }

    std::string truncateCodePoints(std::string_view text, int n)
    {
        const auto cps = codePoints(text);
        const std::size_t limit = static_cast<std::size_t>(n < 0 ? -static_cast<long>(n) : n);
        if (n == 0 || cps.size() <= limit)
            return std::string(text);
        const std::size_t keep = limit > 3 ? limit - 3 : 0;
        std::string out;
        if (n > 0)
        {
            for (std::size_t i = 0; i < keep; ++i)
                out += cps[i];
            return out + "...";
        }
        out = "...";
        for (std::size_t i = cps.size() - keep; i < cps.size(); ++i)
            out += cps[i];
        return out;
    }

    std::string tidyComponent(std::string_view text)
    {
        static const std::regex kRepeatedSpace(" {2,}");
        static const std::regex kRepeatedDot("\\.{2,}");
        std::string s = std::regex_replace(std::string(text), kRepeatedSpace, " ");
        s = std::regex_replace(s, kRepeatedDot, ".");
        const auto last = s.find_last_not_of("- ._");
        s.erase(last == std::string::npos ? 0 : last + 1);
        return s;
    }
} // namespace soulspot::library
