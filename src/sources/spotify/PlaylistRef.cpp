#include "sources/spotify/PlaylistRef.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace soulspot::sources::spotify
{
    namespace
    {
        std::string_view trim(std::string_view s)
        {
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
                s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
                s.remove_suffix(1);
            return s;
        }

        std::vector<std::string_view> split(std::string_view s, char sep)
        {
            std::vector<std::string_view> parts;
            std::size_t start = 0;
            for (std::size_t i = 0; i <= s.size(); ++i)
            {
                if (i == s.size() || s[i] == sep)
                {
                    parts.push_back(s.substr(start, i - start));
                    start = i + 1;
                }
            }
            return parts;
        }

        std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

        core::Result<std::string> idAfterKind(std::string_view want, std::string_view kind, std::string_view id,
                                              std::string_view input)
        {
            if (kind != want)
                return core::fail(core::Error::invalid(quoted(input) + " is a Spotify " + std::string(kind) +
                                                       " link, not " + (want == "album" ? "an " : "a ") +
                                                       std::string(want)));
            if (!isSpotifyId(id))
                return core::fail(core::Error::invalid(quoted(id) + " is not a Spotify " + std::string(want) + " id"));
            return std::string(id);
        }

        core::Result<std::string> fromUri(std::string_view want, std::string_view uri, std::string_view input)
        {
            // spotify:<kind>:ID, or the pre-2018 spotify:user:USER:playlist:ID (playlists only)
            auto parts = split(uri, ':');
            if (parts.size() == 5 && parts[1] == "user" && want == "playlist")
                return idAfterKind(want, parts[3], parts[4], input);
            if (parts.size() == 3)
                return idAfterKind(want, parts[1], parts[2], input);
            return core::fail(core::Error::invalid(quoted(input) + " is not a Spotify " + std::string(want) + " URI"));
        }

        core::Result<std::string> fromWebLink(std::string_view want, std::string_view link, std::string_view input)
        {
            for (std::string_view scheme : {"https://", "http://"})
                if (link.starts_with(scheme))
                    link.remove_prefix(scheme.size());
            link = link.substr(0, link.find_first_of("?#"));
            auto parts = split(link, '/');
            if (parts.empty() || (parts[0] != "open.spotify.com" && parts[0] != "play.spotify.com"))
                return core::fail(core::Error::invalid("'" + std::string(input) + "' is not an open.spotify.com link"));
            // Drop the host, localisation prefixes (intl-de), "embed", the old user/<name>/ prefix and empty
            // segments from trailing slashes; what remains must be <kind>/<id>.
            std::vector<std::string_view> rest;
            for (std::size_t i = 1; i < parts.size(); ++i)
            {
                const auto seg = parts[i];
                if (seg.empty() || seg.starts_with("intl-") || seg == "embed")
                    continue;
                if (seg == "user" && i + 1 < parts.size())
                {
                    ++i;
                    continue;
                }
                rest.push_back(seg);
            }
            if (rest.size() != 2)
                return core::fail(core::Error::invalid(quoted(input) + " is not a Spotify " + std::string(want) + " link"));
            return idAfterKind(want, rest[0], rest[1], input);
        }

        core::Result<std::string> parseRef(std::string_view want, std::string_view input)
        {
            const auto text = trim(input);
            if (text.empty())
                return core::fail(core::Error::invalid(std::string(want) + " reference is empty"));
            if (text.starts_with("spotify:"))
                return fromUri(want, text, input);
            if (text.find('/') != std::string_view::npos || text.find("spotify.com") != std::string_view::npos)
                return fromWebLink(want, text, input);
            if (isSpotifyId(text))
                return std::string(text);
            return core::fail(core::Error::invalid(quoted(input) + " is neither a Spotify " + std::string(want) +
                                                   " link, URI nor a 22-character id"));
        }
    } // namespace

    bool isSpotifyId(std::string_view text)
    {
        return text.size() == 22 &&
               std::all_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
    }

    core::Result<std::string> parsePlaylistRef(std::string_view input) { return parseRef("playlist", input); }

    core::Result<std::string> parseAlbumRef(std::string_view input) { return parseRef("album", input); }
} // namespace soulspot::sources::spotify
