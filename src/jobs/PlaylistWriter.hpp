#pragma once
// The write side shared by Spotify sync and file import: tracks upserted in batches (one transaction per
// 200, so a 1,200-track playlist is six commits, not 1,200), the membership diff applied in one
// transaction, and downloads queued for tracks nobody has asked for before.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/PlaylistRepository.hpp"
#include "db/repositories/Records.hpp"
#include "jobs/PlaylistDiff.hpp"

namespace soulspot::jobs
{
    class DownloadService;

    struct MembershipOutcome
    {
        int added{0};
        int removed{0};
        int moved{0};
        std::vector<std::int64_t> addedTrackIds;
    };

    class PlaylistWriter
    {
    public:
        static constexpr std::size_t kBatchSize = 200;

        /// `downloads` may be null (then nothing is ever queued).
        PlaylistWriter(db::Database& db, std::shared_ptr<DownloadService> downloads);

        /// One id per input, or the reason the input was refused (e.g. no title). Database failures fail the call.
        core::Result<std::vector<core::Result<std::int64_t>>> upsertTracks(const std::vector<db::TrackInput>& tracks);
        /// Diffs `incoming` against the stored membership and writes only the difference (nothing when equal).
        core::Result<MembershipOutcome> applyMembership(std::int64_t playlistId, const std::vector<IncomingTrack>& incoming);
        /// Queues a download for each track that is not in the library and was never queued; returns how many.
        core::Result<int> queueNeverQueued(const std::vector<std::int64_t>& trackIds, const std::string& correlationId);

    private:
        db::Database& db_;
        db::PlaylistRepository playlists_;
        std::shared_ptr<DownloadService> downloads_;
    };
} // namespace soulspot::jobs
