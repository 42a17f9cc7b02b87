#pragma once
// JSON at the matcher's edges: Spotify track objects in, slskd search responses in, scored candidates out,
// quality profiles both ways. nlohmann stays inside MatchJson.cpp.

#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/Error.hpp"
#include "matching/CandidateScorer.hpp"
#include "matching/QualityProfile.hpp"
#include "matching/SearchResponse.hpp"
#include "matching/WantedTrack.hpp"

namespace soulspot::matching
{
    /// A Spotify track object (reference/spotify-api.md §3.5); a playlist/saved item {"track": {...}} is unwrapped.
    /// Needs "name" and at least one artist name; everything else is optional.
    core::Result<WantedTrack> wantedTrackFromSpotifyJson(const nlohmann::json& track);

    /// An slskd Response (reference/slskd-api.md §1.4). Omitted optional fields stay empty; an empty
    /// "extension" is taken from the file name; lockedFiles are marked locked.
    core::Result<SearchResponse> searchResponseFromJson(const nlohmann::json& response);
    core::Result<std::vector<SearchResponse>> searchResponsesFromJson(const nlohmann::json& responses);

    nlohmann::json toJson(const ScoredCandidate& candidate);
    /// {"chosen": {"username","filename"} | null, "candidates": [...]}.
    nlohmann::json toJson(const MatchResult& result);

    nlohmann::json toJson(const QualityProfile& profile);
    /// Fields absent from the JSON keep the struct defaults; the result is validated.
    core::Result<QualityProfile> qualityProfileFromJson(const nlohmann::json& json);
} // namespace soulspot::matching
