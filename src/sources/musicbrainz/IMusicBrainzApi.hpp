#pragma once
// The MusicBrainz calls SoulSpot needs (reference/musicbrainz-api.md §3). "Not found" is an empty answer,
// not an error; errors mean MusicBrainz could not be asked (down, rate limited too long, refused us).

#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "sources/musicbrainz/MusicBrainzTypes.hpp"

namespace soulspot::sources::musicbrainz
{
    class IMusicBrainzApi
    {
    public:
        virtual ~IMusicBrainzApi() = default;
        /// GET /isrc/{isrc}?inc=artist-credits+releases. The ISRC is normalised first (InvalidArgument
        /// if it still isn't one); an unknown ISRC gives an empty list.
        virtual core::Result<std::vector<Recording>> lookupIsrc(const std::string& isrc) = 0;
        /// GET /recording?query=… (escaped Lucene, see LuceneQuery.hpp), best score first.
        virtual core::Result<std::vector<Recording>> searchRecording(const std::string& artist, const std::string& title,
                                                                     std::optional<int> durationMs) = 0;
        /// GET /recording/{mbid}?inc=artist-credits+releases+release-groups+isrcs; nullopt when unknown.
        virtual core::Result<std::optional<Recording>> recording(const std::string& mbid) = 0;
        /// GET /release/{mbid}?inc=recordings+artist-credits+release-groups+media+isrcs (ISRCs and the
        /// credit per track); nullopt when unknown.
        virtual core::Result<std::optional<ReleaseDetails>> release(const std::string& mbid) = 0;
        /// Every release of a release group with media, tracks, ISRCs and credits: browse
        /// GET /release?release-group={mbid}&limit=100&offset=… until release-count is reached (lookups cap
        /// lists at 25, browse pages at 100). An unknown group gives an empty list.
        virtual core::Result<std::vector<ReleaseDetails>> releasesOfGroup(const std::string& releaseGroupMbid) = 0;
        /// GET /release-group?query=releasegroup:"…" AND artist:"…" (escaped Lucene), best score first.
        virtual core::Result<std::vector<ReleaseGroupHit>> searchReleaseGroup(const std::string& artist,
                                                                             const std::string& title) = 0;
        /// ISRC first, then a search with the confidence rules of MatchRules.hpp; nullopt when not
        /// confident. Errors only when MusicBrainz could not be asked at all; the caller imports anyway.
        virtual core::Result<std::optional<RecordingMatch>> identify(const WantedInfo& wanted) = 0;
    };

    /// identify() written against the interface, so any IMusicBrainzApi (or a test double) gets it.
    core::Result<std::optional<RecordingMatch>> identifyRecording(IMusicBrainzApi& api, const WantedInfo& wanted);
} // namespace soulspot::sources::musicbrainz
