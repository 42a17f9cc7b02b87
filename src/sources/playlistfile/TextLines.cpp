#include "sources/playlistfile/TextLines.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace soulspot::sources::playlistfile
{
    std::vector<NumberedLine> splitLines(std::string_view content)
    {
        std::vector<NumberedLine> lines;
        int number = 1;
        std::size_t start = 0;
        for (std::size_t i = 0; i < content.size(); ++i)
        {
            if (content[i] != '\n' && content[i] != '\r')
                continue;
            lines.push_back({number++, content.substr(start, i - start)});
            if (content[i] == '\r' && i + 1 < content.size() && content[i + 1] == '\n')
                ++i;
            start = i + 1;
        }
        if (start < content.size())
            lines.push_back({number, content.substr(start)});
        return lines;
    }

    std::optional<std::string> utf8Problem(std::string_view text)
    {
        const auto* s = reinterpret_cast<const unsigned char*>(text.data());
        const std::size_t n = text.size();
        for (std::size_t i = 0; i < n;)
        {
            const unsigned char c = s[i];
            std::size_t len = 0;
            unsigned minCode = 0;
            if (c < 0x80)
                len = 1;
            else if ((c & 0xE0) == 0xC0)
                std::tie(len, minCode) = std::pair{2u, 0x80u};
            else if ((c & 0xF0) == 0xE0)
                std::tie(len, minCode) = std::pair{3u, 0x800u};
            else if ((c & 0xF8) == 0xF0)
                std::tie(len, minCode) = std::pair{4u, 0x10000u};
            bool ok = len > 0 && i + len <= n;
            unsigned code = len == 1 ? c : (c & (0x7F >> len));
            for (std::size_t k = 1; ok && k < len; ++k)
            {
                ok = (s[i + k] & 0xC0) == 0x80;
                code = (code << 6) | (s[i + k] & 0x3F);
            }
            // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8 either.
            if (ok && len > 1 && (code < minCode || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)))
                ok = false;
            if (!ok)
                return fmt::format("not valid UTF-8 (byte 0x{:02X} at column {}); save the file as UTF-8", c, i + 1);
            i += len;
        }
        return std::nullopt;
    }

    std::string_view trimView(std::string_view s)
    {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
            s.remove_suffix(1);
        return s;
    }

    std::string trim(std::string_view s) { return std::string(trimView(s)); }

    std::string toUpperAscii(std::string_view s)
    {
        std::string out(s);
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return out;
    }

    bool equalsIgnoreCase(std::string_view a, std::string_view b)
    {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    }

    std::optional<ArtistTitle> splitArtistTitle(std::string_view text)
    {
        static constexpr std::string_view kSeparators[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}; // -, –, —
        std::size_t best = std::string_view::npos;
        std::size_t sepLen = 0;
        for (auto sep : kSeparators)
        {
            const auto pos = text.find(sep);
            if (pos < best)
            {
                best = pos;
                sepLen = sep.size();
            }
        }
        if (best == std::string_view::npos)
            return std::nullopt;
        ArtistTitle out{trim(text.substr(0, best)), trim(text.substr(best + sepLen))};
        if (out.artist.empty() || out.title.empty())
            return std::nullopt;
        return out;
    }
} // namespace soulspot::sources::playlistfile
