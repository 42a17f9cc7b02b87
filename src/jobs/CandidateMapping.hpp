#pragma once
// Conversions between the rooms the download lifecycle joins: slskd DTOs → matcher input, stored tracks →
// wanted tracks, scored candidates → stored rows, and the JSON form of cached search responses.

#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/repositories/PeerRepository.hpp"
#include "db/repositories/Records.hpp"
#include "matching/CandidateScorer.hpp"
#include "matching/PeerHistory.hpp"
#include "sources/slskd/SlskdTypes.hpp"

namespace soulspot::jobs
{
    matching::WantedTrack toWanted(const db::TrackRecord& track);
    matching::SearchFile toFile(const sources::slskd::SearchFileDto& file, bool locked);
    std::vector<matching::SearchResponse> toMatching(const std::vector<sources::slskd::SearchResponseDto>& responses);
    std::vector<db::CandidateRecord> toCandidateRecords(const matching::MatchResult& result, const std::string& query,
                                                        int maxStored);

    std::string responsesToJson(const std::vector<matching::SearchResponse>& responses);
    core::Result<std::vector<matching::SearchResponse>> responsesFromJson(const std::string& json);

    /// The database's view of peers, adapted to what the scorer asks.
    class SnapshotPeerHistory final : public matching::PeerHistory
    {
    public:
        explicit SnapshotPeerHistory(db::PeerSnapshot snapshot) : snapshot_(std::move(snapshot)) {}
        matching::PeerStats stats(std::string_view username) const override;
        bool isBlocked(std::string_view username, std::string_view filename) const override;

    private:
        db::PeerSnapshot snapshot_;
    };
} // namespace soulspot::jobs
