#include "jobs/PlaylistWriter.hpp"

#include "core/Log.hpp"
#include "db/repositories/TrackRepository.hpp"
#include "jobs/DownloadService.hpp"

namespace soulspot::jobs
{
    PlaylistWriter::PlaylistWriter(db::Database& db, std::shared_ptr<DownloadService> downloads)
        : db_(db), playlists_(db), downloads_(std::move(downloads))
    {
    }

    core::Result<std::vector<core::Result<std::int64_t>>> PlaylistWriter::upsertTracks(const std::vector<db::TrackInput>& tracks)
    {
        std::vector<core::Result<std::int64_t>> out;
        out.reserve(tracks.size());
        db::TrackRepository repo(db_);
        for (std::size_t start = 0; start < tracks.size(); start += kBatchSize)
        {
            const auto end = std::min(tracks.size(), start + kBatchSize);
            auto batch = db_.transaction<std::vector<core::Result<std::int64_t>>>(
                [&](db::Connection& c) -> core::Result<std::vector<core::Result<std::int64_t>>> {
                    std::vector<core::Result<std::int64_t>> ids;
                    for (std::size_t i = start; i < end; ++i)
                    {
                        const auto& t = tracks[i];
                        // Refuse bad input before touching the connection: a failed statement would abort
                        // the whole PostgreSQL transaction, taking the good rows of the batch with it.
                        if (t.title.empty() || t.artists.empty() || t.artists.front().empty())
                        {
                            ids.push_back(core::fail(core::Error::invalid("a track needs a title and at least one artist")));
                            continue;
                        }
                        auto id = repo.upsert(c, t);
                        if (!id)
                            return core::fail(id.error());
                        ids.push_back(*id);
                    }
                    return ids;
                });
            if (!batch)
                return core::fail(batch.error());
            for (auto& id : *batch)
                out.push_back(std::move(id));
        }
        return out;
    }

    core::Result<MembershipOutcome> PlaylistWriter::applyMembership(std::int64_t playlistId, const std::vector<IncomingTrack>& incoming)
    {
        auto current = playlists_.entries(playlistId);
        if (!current)
            return core::fail(current.error());
        const auto diff = diffMembership(*current, incoming);
        MembershipOutcome outcome;
        outcome.added = static_cast<int>(diff.adds.size());
        outcome.removed = static_cast<int>(diff.removals.size());
        outcome.moved = static_cast<int>(diff.moves.size());
        for (const auto& a : diff.adds)
            outcome.addedTrackIds.push_back(a.trackId);
        if (diff.empty())
            return outcome;
        auto written = db_.transactionVoid([&](db::Connection& c) {
            return playlists_.applyChanges(c, playlistId, diff.adds, diff.moves, diff.removals);
        });
        if (!written)
            return core::fail(written.error());
        return outcome;
    }

    core::Result<int> PlaylistWriter::queueNeverQueued(const std::vector<std::int64_t>& trackIds, const std::string& correlationId)
    {
        if (!downloads_ || trackIds.empty())
            return 0;
        auto missing = playlists_.tracksNeverQueued(trackIds);
        if (!missing)
            return core::fail(missing.error());
        int queued = 0;
        for (const auto id : *missing)
        {
            auto created = downloads_->createForTrackId(id, 0, std::nullopt, correlationId);
            if (!created)
                return core::fail(created.error());
            if (created->created)
                ++queued;
        }
        return queued;
    }
} // namespace soulspot::jobs
