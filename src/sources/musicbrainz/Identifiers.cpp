#include "sources/musicbrainz/Identifiers.hpp"

#include <cctype>

namespace soulspot::sources::musicbrainz
{
    std::optional<std::string> normaliseIsrc(std::string_view isrc)
    {
        std::string out;
        for (unsigned char c : isrc)
        {
            if (c == '-' || c == ' ')
                continue;
            out.push_back(static_cast<char>(std::toupper(c)));
        }
        if (out.size() != 12)
            return std::nullopt;
        for (std::size_t i = 0; i < out.size(); ++i)
        {
            const unsigned char c = static_cast<unsigned char>(out[i]);
            const bool ok = i < 2 ? std::isupper(c) != 0 : i < 5 ? (std::isupper(c) || std::isdigit(c)) : std::isdigit(c) != 0;
            if (!ok)
                return std::nullopt;
        }
        return out;
    }

    std::optional<std::string> normaliseMbid(std::string_view mbid)
    {
        if (mbid.size() != 36)
            return std::nullopt;
        std::string out;
        for (std::size_t i = 0; i < mbid.size(); ++i)
        {
            const unsigned char c = static_cast<unsigned char>(mbid[i]);
            const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !std::isxdigit(c))
                return std::nullopt;
            out.push_back(static_cast<char>(std::tolower(c)));
        }
        return out;
    }
} // namespace soulspot::sources::musicbrainz
