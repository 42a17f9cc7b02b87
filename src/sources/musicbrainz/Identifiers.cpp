#include "sources/musicbrainz/Identifiers.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

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

    namespace
    {
        std::string_view trimmed(std::string_view s)
        {
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
                s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
                s.remove_suffix(1);
            return s;
        }

        bool isMusicBrainzHost(std::string_view host)
        {
            for (std::string_view prefix : {"www.", "beta."})
                if (host.starts_with(prefix))
                    host.remove_prefix(prefix.size());
            return host == "musicbrainz.org";
        }
    } // namespace

    core::Result<MusicBrainzRef> parseMusicBrainzRef(std::string_view input)
    {
        const std::string quoted = "'" + std::string(input) + "'";
        std::string_view text = trimmed(input);
        if (text.empty())
            return core::fail(core::Error::invalid("MusicBrainz reference is empty"));
        if (text.find('/') == std::string_view::npos)
        {
            if (auto mbid = normaliseMbid(text))
                return MusicBrainzRef{MbRefKind::Unknown, *mbid};
            return core::fail(core::Error::invalid(quoted + " is neither a MusicBrainz link nor an MBID"));
        }
        for (std::string_view scheme : {"https://", "http://"})
            if (text.starts_with(scheme))
                text.remove_prefix(scheme.size());
        text = text.substr(0, text.find_first_of("?#"));
        std::vector<std::string_view> parts;
        for (std::size_t start = 0; start <= text.size();)
        {
            const auto slash = std::min(text.find('/', start), text.size());
            if (slash > start)
                parts.push_back(text.substr(start, slash - start));
            start = slash + 1;
        }
        if (parts.empty() || !isMusicBrainzHost(parts[0]))
            return core::fail(core::Error::invalid(quoted + " is not a musicbrainz.org link"));
        if (parts.size() < 3)
            return core::fail(core::Error::invalid(quoted + " does not name a release or release group"));
        MbRefKind kind;
        if (parts[1] == "release")
            kind = MbRefKind::Release;
        else if (parts[1] == "release-group")
            kind = MbRefKind::ReleaseGroup;
        else
            return core::fail(core::Error::invalid(quoted + " is a MusicBrainz " + std::string(parts[1]) +
                                                   " link, not a release or release group"));
        auto mbid = normaliseMbid(parts[2]);
        if (!mbid)
            return core::fail(core::Error::invalid("'" + std::string(parts[2]) + "' is not an MBID"));
        return MusicBrainzRef{kind, *mbid};
    }
} // namespace soulspot::sources::musicbrainz
