#pragma once
// Front covers for releases (Cover Art Archive, reference/musicbrainz-api.md §4) with the caller's own
// image (e.g. the Spotify album image) as fallback. "No cover" is nullopt; errors mean a fetch failed or
// the bytes were unusable (too large, not JPEG/PNG). Callers never hold an import back for a cover.

#include <cstddef>
#include <optional>
#include <string>

#include "core/Error.hpp"
#include "sources/coverart/CoverArtTypes.hpp"

namespace soulspot::sources::coverart
{
    class ICoverArtApi
    {
    public:
        virtual ~ICoverArtApi() = default;
        /// GET /release/{mbid}/front-<size>, following redirects; nullopt when the release has no art (404).
        virtual core::Result<std::optional<CoverImage>> frontCover(const std::string& releaseMbid, std::size_t maxBytes) = 0;
        /// Any http(s) image URL, following redirects; nullopt on 404.
        virtual core::Result<std::optional<CoverImage>> fetchImage(const std::string& url, std::size_t maxBytes) = 0;
        /// frontCover, else fetchImage(fallbackUrl); either argument may be empty. An error only when
        /// nothing usable was found and an attempt failed (the last failure is returned).
        virtual core::Result<std::optional<CoverImage>> coverForRelease(const std::string& releaseMbid,
                                                                        const std::string& fallbackUrl,
                                                                        std::size_t maxBytes) = 0;
    };
} // namespace soulspot::sources::coverart
