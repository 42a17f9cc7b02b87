#pragma once
// Internal to soulspot_musicbrainz: MusicBrainz WS/2 JSON → the DTOs of MusicBrainzTypes.hpp. Reads are
// lenient on purpose: keys can be null or missing, `score` was once a string, dates are partial.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Error.hpp"
#include "sources/musicbrainz/MusicBrainzTypes.hpp"

namespace soulspot::sources::musicbrainz::json
{
    using Json = nlohmann::json;

    core::Result<Json> parseObject(const std::string& body, std::string_view what);

    std::vector<CreditedArtist> parseCredit(const Json& artistCredit);
    /// A release inside a recording/ISRC/search answer, or the top of a release lookup.
    ReleaseInfo parseRelease(const Json& release);
    Recording parseRecording(const Json& recording);
    /// GET /isrc/{isrc}: {"isrc", "recordings": [...]}.
    std::vector<Recording> parseIsrcAnswer(const Json& answer);
    /// GET /recording?query=…: {"count", "recordings": [... with "score"]}, best first.
    std::vector<Recording> parseSearchAnswer(const Json& answer);
    ReleaseDetails parseReleaseDetails(const Json& release);
    /// One page of GET /release?release-group=…: {"release-count", "release-offset", "releases": [...]}.
    struct ReleaseBrowsePage
    {
        int releaseCount{0};
        std::vector<ReleaseDetails> releases;
    };
    ReleaseBrowsePage parseReleaseBrowse(const Json& answer);
    /// GET /release-group?query=…: {"count", "release-groups": [... with "score"]}, best first.
    std::vector<ReleaseGroupHit> parseReleaseGroupSearch(const Json& answer);
} // namespace soulspot::sources::musicbrainz::json
