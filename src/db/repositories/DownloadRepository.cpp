#include "db/repositories/DownloadRepository.hpp"

#include <chrono>

#include "core/Clock.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    namespace
    {
        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }

        const std::string kSelect =
            "SELECT d.id, d.track_id, d.status, d.priority, d.attempts, d.search_retries, d.error_code, d.error_message, "
            "d.slskd_username, d.slskd_filename, d.slskd_transfer_id, d.format, d.local_path, d.size, d.bitrate, "
            "d.progress_percent, d.bytes_transferred, d.quality_profile, d.next_attempt_at, d.search_id, d.search_query, "
            "d.enqueue_pending, d.candidate_id, d.last_progress_at, d.correlation_id, d.created_at, d.updated_at, "
            "d.completed_at, d.waiting_for, d.claimed_by, d.claimed_until, d.album_id, " + std::string(kTrackColumns) + " FROM downloads d JOIN tracks t ON t.id = d.track_id ";

        std::optional<int> optInt(const Row& r, std::size_t i)
        {
            auto v = r.getOptInt(i);
            return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
        }

        DownloadRecord readDownload(const Row& r)
        {
            DownloadRecord d;
            d.id = r.getInt(0);
            d.trackId = r.getInt(1);
            d.status = core::parseDownloadStatus(r.getString(2)).value_or(core::DownloadStatus::Failed);
            d.priority = static_cast<int>(r.getInt(3));
            d.attempts = static_cast<int>(r.getInt(4));
            d.searchRetries = static_cast<int>(r.getInt(5));
            d.errorCode = r.getOptString(6);
            d.errorMessage = r.getOptString(7);
            d.username = r.getOptString(8);
            d.filename = r.getOptString(9);
            d.transferId = r.getOptString(10);
            d.format = r.getOptString(11);
            d.localPath = r.getOptString(12);
            d.size = r.getOptInt(13);
            d.bitrate = optInt(r, 14);
            d.progressPercent = r.getDouble(15);
            d.bytesTransferred = r.getInt(16);
            d.qualityProfile = r.getOptString(17);
            d.nextAttemptAt = r.getOptString(18);
            d.searchId = r.getOptString(19);
            d.searchQuery = r.getOptString(20);
            d.enqueuePending = r.getBool(21);
            d.candidateId = r.getOptInt(22);
            d.lastProgressAt = r.getOptString(23);
            d.correlationId = r.getOptString(24);
            d.createdAt = r.getString(25);
            d.updatedAt = r.getString(26);
            d.completedAt = r.getOptString(27);
            d.waitingFor = r.getOptString(28);
            d.claimedBy = r.getOptString(29);
            d.claimedUntil = r.getOptString(30);
            d.albumId = r.getOptInt(31);
            d.track = readTrack(r, 32);
            return d;
        }

        std::string statusPlaceholders(const std::vector<core::DownloadStatus>& statuses, Params& params)
        {
            std::string sql;
            for (auto s : statuses)
            {
                params.emplace_back(std::string(core::toString(s)));
                sql += (sql.empty() ? "$" : ", $") + std::to_string(params.size());
            }
            return sql;
        }
    } // namespace

    core::Result<std::vector<core::DownloadStatus>> parseStatusList(const std::string& text)
    {
        std::vector<core::DownloadStatus> out;
        std::size_t start = 0;
        while (start <= text.size())
        {
            const auto comma = text.find(',', start);
            std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            for (auto& ch : item)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            if (!item.empty())
            {
                auto s = core::parseDownloadStatus(item);
                if (!s)
                    return core::fail(core::Error::invalid("unknown status '" + item + "'"));
                out.push_back(*s);
            }
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        return out;
    }

    core::Result<std::int64_t> DownloadRepository::create(std::int64_t trackId, int priority,
                                                          const std::optional<std::string>& profile,
                                                          const std::string& correlationId)
    {
        const std::string ts = now();
        auto rs = db_.execute("INSERT INTO downloads (track_id, status, priority, quality_profile, correlation_id, created_at, "
                              "updated_at) VALUES ($1, 'QUEUED', $2, $3, $4, $5, $5) RETURNING id",
                              {trackId, std::int64_t{priority}, toValue(profile), correlationId, ts});
        if (!rs)
            return core::fail(rs.error()); // Conflict: the unique index says this track already has an active download
        return rs->front().getInt(0);
    }

    core::Result<std::optional<std::int64_t>> DownloadRepository::findActiveForTrack(std::int64_t trackId)
    {
        auto rs = db_.execute("SELECT id FROM downloads WHERE track_id = $1 AND status IN ('QUEUED', 'SEARCHING', "
                              "'DOWNLOADING', 'VERIFYING') ORDER BY id LIMIT 1",
                              {trackId});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<std::int64_t>{};
        return std::optional<std::int64_t>(rs->front().getInt(0));
    }

    core::Result<std::vector<DownloadRecord>> DownloadRepository::select(const std::string& where, const Params& params,
                                                                         const std::string& tail)
    {
        auto rs = db_.execute(kSelect + where + " " + tail, params);
        if (!rs)
            return core::fail(rs.error());
        std::vector<DownloadRecord> out;
        out.reserve(rs->rows.size());
        for (const auto& row : rs->rows)
            out.push_back(readDownload(row));
        return out;
    }

    core::Result<std::optional<DownloadRecord>> DownloadRepository::get(std::int64_t id)
    {
        auto rows = select("WHERE d.id = $1", {id});
        if (!rows)
            return core::fail(rows.error());
        if (rows->empty())
            return std::optional<DownloadRecord>{};
        return std::optional<DownloadRecord>(std::move(rows->front()));
    }

    core::Result<std::vector<DownloadRecord>> DownloadRepository::list(const DownloadFilter& filter)
    {
        Params params;
        std::string where;
        if (!filter.statuses.empty())
            where = "WHERE d.status IN (" + statusPlaceholders(filter.statuses, params) + ")";
        if (filter.beforeId)
        {
            params.emplace_back(*filter.beforeId);
            where += (where.empty() ? "WHERE " : " AND ") + std::string("d.id < $") + std::to_string(params.size());
        }
        params.emplace_back(std::int64_t{filter.limit});
        params.emplace_back(std::int64_t{filter.offset});
        const auto n = params.size();
        return select(where, params,
                      "ORDER BY d.id DESC LIMIT $" + std::to_string(n - 1) + " OFFSET $" + std::to_string(n));
    }

    core::Result<std::int64_t> DownloadRepository::count(const std::vector<core::DownloadStatus>& statuses)
    {
        Params params;
        std::string sql = "SELECT COUNT(*) FROM downloads";
        if (!statuses.empty())
            sql += " WHERE status IN (" + statusPlaceholders(statuses, params) + ")";
        auto rs = db_.execute(sql, params);
        if (!rs)
            return core::fail(rs.error());
        return rs->front().getInt(0);
    }

    core::Result<std::map<std::string, std::int64_t>> DownloadRepository::countByStatus()
    {
        auto rs = db_.execute("SELECT status, COUNT(*) FROM downloads GROUP BY status");
        if (!rs)
            return core::fail(rs.error());
        std::map<std::string, std::int64_t> out;
        for (const auto& row : rs->rows)
            out[row.getString(0)] = row.getInt(1);
        return out;
    }

    core::Result<std::vector<DownloadRecord>> DownloadRepository::due(const std::string& nowIso, int limit)
    {
        return select("WHERE d.status = 'QUEUED' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $1)",
                      {nowIso, std::int64_t{limit}}, "ORDER BY d.priority DESC, d.created_at, d.id LIMIT $2");
    }

    core::Result<std::vector<DownloadRecord>> DownloadRepository::withStatus(core::DownloadStatus status)
    {
        return select("WHERE d.status = $1", {std::string(core::toString(status))}, "ORDER BY d.id");
    }

    core::Result<std::vector<DownloadRecord>> DownloadRepository::leasedTo(const std::string& instance,
                                                                           const std::vector<core::DownloadStatus>& statuses)
    {
        Params params{instance};
        const std::string in = statusPlaceholders(statuses, params);
        return select("WHERE d.claimed_by = $1 AND d.status IN (" + in + ")", params, "ORDER BY d.id");
    }



    core::Result<bool> DownloadRepository::setPriority(std::int64_t id, int priority)
    {
        auto rs = db_.execute("UPDATE downloads SET priority = $2, updated_at = $3 WHERE id = $1",
                              {id, std::int64_t{priority}, now()});
        if (!rs)
            return core::fail(rs.error());
        return rs->affectedRows > 0;
    }


    core::Result<void> insertCandidates(Connection& c, std::int64_t downloadId, const std::vector<CandidateRecord>& cs)
    {
        const std::string ts = now();
        for (const auto& x : cs)
        {
            std::string reasons;
            for (const auto& r : x.reasons)
                reasons += (reasons.empty() ? "" : "\n") + r;
            auto ins = c.execute(
                "INSERT INTO download_candidates (download_id, rank, search_query, username, filename, size, bitrate, "
                "bit_depth, sample_rate, length_seconds, format, score, confidence, quality_tier, accepted, reasons, "
                "has_free_slot, queue_length, upload_speed, tried, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                "$9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                {downloadId, std::int64_t{x.rank}, x.searchQuery, x.username, x.filename, x.size, toValue(x.bitrate),
                 toValue(x.bitDepth), toValue(x.sampleRate), toValue(x.lengthSeconds), x.format, x.score, x.confidence,
                 std::int64_t{x.qualityTier}, std::int64_t{x.accepted ? 1 : 0}, reasons,
                 std::int64_t{x.hasFreeSlot ? 1 : 0}, x.queueLength, x.uploadSpeed, std::int64_t{x.tried ? 1 : 0}, ts});
            if (!ins)
                return core::fail(ins.error());
        }
        return {};
    }

    core::Result<void> DownloadRepository::replaceCandidates(std::int64_t downloadId, const std::vector<CandidateRecord>& cs)
    {
        return db_.transactionVoid([&](Connection& c) -> core::Result<void> {
            if (auto d = c.execute("DELETE FROM download_candidates WHERE download_id = $1", {downloadId}); !d)
                return core::fail(d.error());
            return insertCandidates(c, downloadId, cs);
        });
    }

    core::Result<std::vector<CandidateRecord>> DownloadRepository::candidates(std::int64_t downloadId)
    {
        auto rs = db_.execute("SELECT id, download_id, rank, search_query, username, filename, size, bitrate, bit_depth, "
                              "sample_rate, length_seconds, format, score, confidence, quality_tier, accepted, reasons, "
                              "has_free_slot, queue_length, upload_speed, tried FROM download_candidates "
                              "WHERE download_id = $1 ORDER BY rank",
                              {downloadId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<CandidateRecord> out;
        for (const auto& r : rs->rows)
        {
            CandidateRecord c;
            c.id = r.getInt(0);
            c.downloadId = r.getInt(1);
            c.rank = static_cast<int>(r.getInt(2));
            c.searchQuery = r.getString(3);
            c.username = r.getString(4);
            c.filename = r.getString(5);
            c.size = r.getInt(6);
            c.bitrate = optInt(r, 7);
            c.bitDepth = optInt(r, 8);
            c.sampleRate = optInt(r, 9);
            c.lengthSeconds = optInt(r, 10);
            c.format = r.getString(11);
            c.score = r.getDouble(12);
            c.confidence = r.getDouble(13);
            c.qualityTier = static_cast<int>(r.getInt(14));
            c.accepted = r.getBool(15);
            c.reasons = splitArtists(r.getString(16)); // same newline-separated encoding
            c.hasFreeSlot = r.getBool(17);
            c.queueLength = r.getInt(18);
            c.uploadSpeed = r.getInt(19);
            c.tried = r.getBool(20);
            out.push_back(std::move(c));
        }
        return out;
    }

    core::Result<void> DownloadRepository::markCandidateTried(std::int64_t candidateId)
    {
        auto rs = db_.execute("UPDATE download_candidates SET tried = 1 WHERE id = $1", {candidateId});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<std::int64_t> DownloadRepository::addAttempt(const AttemptRecord& a)
    {
        auto rs = db_.execute("INSERT INTO download_attempts (download_id, username, filename, transfer_id, outcome, reason_code, "
                              "message, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                              {a.downloadId, a.username, a.filename, toValue(a.transferId), a.outcome, toValue(a.reasonCode),
                               toValue(a.message), a.startedAt.empty() ? now() : a.startedAt});
        if (!rs)
            return core::fail(rs.error());
        return rs->front().getInt(0);
    }

    core::Result<void> DownloadRepository::finishAttempt(std::int64_t attemptId, const std::string& outcome,
                                                         const std::optional<std::string>& reasonCode,
                                                         const std::optional<std::string>& message)
    {
        auto rs = db_.execute("UPDATE download_attempts SET outcome = $2, reason_code = $3, message = $4, ended_at = $5 "
                              "WHERE id = $1",
                              {attemptId, outcome, toValue(reasonCode), toValue(message), now()});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<void> DownloadRepository::finishOpenAttempt(std::int64_t downloadId, const std::string& outcome,
                                                             const std::optional<std::string>& reasonCode,
                                                             const std::optional<std::string>& message)
    {
        auto rs = db_.execute("UPDATE download_attempts SET outcome = $2, reason_code = $3, message = $4, ended_at = $5 "
                              "WHERE download_id = $1 AND ended_at IS NULL",
                              {downloadId, outcome, toValue(reasonCode), toValue(message), now()});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }


    core::Result<std::vector<AttemptRecord>> DownloadRepository::attempts(std::int64_t downloadId)
    {
        auto rs = db_.execute("SELECT id, download_id, username, filename, transfer_id, outcome, reason_code, message, "
                              "started_at, ended_at FROM download_attempts WHERE download_id = $1 ORDER BY id",
                              {downloadId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<AttemptRecord> out;
        for (const auto& r : rs->rows)
            out.push_back({r.getInt(0), r.getInt(1), r.getString(2), r.getString(3), r.getOptString(4), r.getString(5),
                           r.getOptString(6), r.getOptString(7), r.getString(8), r.getOptString(9)});
        return out;
    }
} // namespace soulspot::db
