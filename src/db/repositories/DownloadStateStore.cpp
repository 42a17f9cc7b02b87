#include "db/repositories/DownloadStateStore.hpp"

#include <algorithm>
#include <chrono>

#include "core/Clock.hpp"
#include "core/Log.hpp"

namespace soulspot::db
{
    namespace
    {
        using S = core::DownloadStatus;
        const core::Logger kLog("db.download_state");

        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
        std::string str(S s) { return std::string(core::toString(s)); }

        bool isSettled(S s) { return s == S::Cancelled || s == S::Failed || s == S::Completed || s == S::Imported; }

        void logRefused(std::int64_t id, S from, S to, core::TransitionReason reason)
        {
            kLog.error("illegal status transition refused", {{"download_id", id},
                                                             {"from", str(from)},
                                                             {"to", str(to)},
                                                             {"reason", std::string(core::toString(reason))}});
        }

        core::Result<void> recordEvent(Connection& c, std::int64_t id, std::optional<S> from, S to,
                                       core::TransitionReason reason, const std::optional<std::string>& message,
                                       const std::optional<std::string>& username,
                                       const std::optional<std::string>& filename, const std::string& at)
        {
            auto r = c.execute("INSERT INTO download_events (download_id, track_id, from_status, to_status, reason, message, "
                               "username, filename, at) SELECT id, track_id, $2, $3, $4, $5, $6, $7, $8 FROM downloads "
                               "WHERE id = $1",
                               {id, from ? Value(str(*from)) : null(), str(to), std::string(core::toString(reason)),
                                toValue(message), toValue(username), toValue(filename), at});
            if (!r)
                return core::fail(r.error());
            return {};
        }

        core::Result<std::optional<S>> currentStatus(Connection& c, std::int64_t id)
        {
            auto rs = c.execute("SELECT status FROM downloads WHERE id = $1", {id});
            if (!rs)
                return core::fail(rs.error());
            if (rs->empty())
                return std::optional<S>{};
            return core::parseDownloadStatus(rs->front().getString(0));
        }

        /// The row's status when it is one of `from` and the move to `to` is legal (an illegal one is logged);
        /// nullopt otherwise.
        core::Result<std::optional<S>> movableFrom(Connection& c, std::int64_t id, const std::vector<S>& from, S to,
                                                   core::TransitionReason reason)
        {
            auto cur = currentStatus(c, id);
            if (!cur)
                return core::fail(cur.error());
            if (!*cur || std::find(from.begin(), from.end(), **cur) == from.end())
                return std::optional<S>{};
            if (!core::isLegalTransition(**cur, to, reason))
            {
                logRefused(id, **cur, to, reason);
                return std::optional<S>{};
            }
            return cur;
        }
    } // namespace

    core::Result<bool> DownloadStateStore::save(const DownloadRecord& d, S expected, core::TransitionReason reason,
                                                std::string_view note)
    {
        if (!core::isLegalTransition(expected, d.status, reason))
        {
            logRefused(d.id, expected, d.status, reason);
            return false;
        }
        return db_.transaction<bool>([&](Connection& c) -> core::Result<bool> {
            const std::string ts = now();
            auto rs = c.execute(
                "UPDATE downloads SET status = $2, priority = $3, attempts = $4, search_retries = $5, error_code = $6, "
                "error_message = $7, slskd_username = $8, slskd_filename = $9, slskd_transfer_id = $10, format = $11, "
                "local_path = $12, size = $13, bitrate = $14, progress_percent = $15, bytes_transferred = $16, "
                "next_attempt_at = $17, search_id = $18, search_query = $19, enqueue_pending = $20, candidate_id = $21, "
                "last_progress_at = $22, completed_at = $23, updated_at = $24, waiting_for = $26, "
                "claimed_by = CASE WHEN $2 IN ('SEARCHING', 'DOWNLOADING', 'VERIFYING') THEN claimed_by ELSE NULL END, "
                "claimed_until = CASE WHEN $2 IN ('SEARCHING', 'DOWNLOADING', 'VERIFYING') THEN claimed_until ELSE NULL END "
                "WHERE id = $1 AND status = $25 AND ($27 = 0 OR COALESCE(claimed_by, '') = $28)",
                {d.id, str(d.status), std::int64_t{d.priority}, std::int64_t{d.attempts}, std::int64_t{d.searchRetries},
                 toValue(d.errorCode), toValue(d.errorMessage), toValue(d.username), toValue(d.filename),
                 toValue(d.transferId), toValue(d.format), toValue(d.localPath), toValue(d.size), toValue(d.bitrate),
                 d.progressPercent, d.bytesTransferred, toValue(d.nextAttemptAt), toValue(d.searchId),
                 toValue(d.searchQuery), std::int64_t{d.enqueuePending ? 1 : 0}, toValue(d.candidateId),
                 toValue(d.lastProgressAt), toValue(d.completedAt), ts, str(expected), toValue(d.waitingFor),
                 // A worker writes an owned row only while it still holds it: when its lease ran out and another
                 // instance took the row over, the old owner's write is refused instead of doubling the work.
                 std::int64_t{core::isOwnedStatus(expected) ? 1 : 0}, d.claimedBy.value_or("")});
            if (!rs)
                return core::fail(rs.error());
            if (rs->affectedRows == 0)
                return false;
            if (expected != d.status || reason == core::TransitionReason::Enqueued || reason == core::TransitionReason::Reattached)
            {
                std::optional<std::string> message = note.empty() ? d.errorMessage : std::optional<std::string>(note);
                if (auto e = recordEvent(c, d.id, expected, d.status, reason, message, d.username, d.filename, ts); !e)
                    return core::fail(e.error());
            }
            return true;
        });
    }

    core::Result<std::optional<S>> DownloadStateStore::move(std::int64_t id, const std::vector<S>& from, S to,
                                                            core::TransitionReason reason,
                                                            const std::optional<std::string>& errorCode,
                                                            const std::optional<std::string>& errorMessage,
                                                            const std::string& leaseOwner, const std::string& leaseUntil)
    {
        return db_.transaction<std::optional<S>>([&](Connection& c) -> core::Result<std::optional<S>> {
            auto cur = movableFrom(c, id, from, {to}, reason);
            if (!cur || !*cur)
                return cur;
            const std::string ts = now();
            auto rs = c.execute("UPDATE downloads SET status = $2, error_code = $3, error_message = $4, updated_at = $5, "
                                "waiting_for = NULL, completed_at = CASE WHEN $6 = 1 THEN $5 ELSE completed_at END, "
                                "claimed_by = $8, claimed_until = $9 WHERE id = $1 AND status = $7",
                                {id, str(to), toValue(errorCode), toValue(errorMessage), ts,
                                 std::int64_t{isSettled(to) ? 1 : 0}, str(**cur),
                                 leaseOwner.empty() || !core::isOwnedStatus(to) ? null() : Value(leaseOwner),
                                 leaseUntil.empty() || !core::isOwnedStatus(to) ? null() : Value(leaseUntil)});
            if (!rs)
                return core::fail(rs.error());
            if (rs->affectedRows == 0)
                return std::optional<S>{};
            if (auto e = recordEvent(c, id, *cur, to, reason, errorMessage, std::nullopt, std::nullopt, ts); !e)
                return core::fail(e.error());
            return *cur;
        });
    }

    core::Result<std::optional<S>> DownloadStateStore::requeue(std::int64_t id, const std::vector<S>& from,
                                                               core::TransitionReason reason)
    {
        return db_.transaction<std::optional<S>>([&](Connection& c) -> core::Result<std::optional<S>> {
            auto cur = movableFrom(c, id, from, S::Queued, reason);
            if (!cur || !*cur)
                return cur;
            const std::string ts = now();
            auto rs = c.execute("UPDATE downloads SET status = 'QUEUED', search_retries = 0, error_code = NULL, "
                                "error_message = NULL, next_attempt_at = NULL, search_id = NULL, enqueue_pending = 0, "
                                "slskd_transfer_id = NULL, progress_percent = 0, bytes_transferred = 0, completed_at = NULL, "
                                "waiting_for = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = $2 "
                                "WHERE id = $1 AND status = $3",
                                {id, ts, str(**cur)});
            if (!rs)
                return core::fail(rs.error()); // Conflict: the track already has another active download
            if (rs->affectedRows == 0)
                return std::optional<S>{};
            if (auto e = recordEvent(c, id, *cur, S::Queued, reason, std::nullopt, std::nullopt, std::nullopt, ts); !e)
                return core::fail(e.error());
            return *cur;
        });
    }

    core::Result<std::optional<std::int64_t>> DownloadStateStore::claimNext(const std::string& instance,
                                                                            const std::string& nowIso,
                                                                            const std::string& leaseUntil)
    {
        // Compare-and-set on QUEUED: of two instances that pick the same row, exactly one moves it. The loser
        // tries the next due row.
        for (int tries = 0; tries < 5; ++tries)
        {
            auto due = db_.execute("SELECT id FROM downloads WHERE status = 'QUEUED' AND (next_attempt_at IS NULL OR "
                                   "next_attempt_at <= $1) ORDER BY priority DESC, id LIMIT 5",
                                   {nowIso});
            if (!due)
                return core::fail(due.error());
            if (due->empty())
                return std::optional<std::int64_t>{};
            for (const auto& row : due->rows)
            {
                const auto id = row.getInt(0);
                auto claimed = db_.transaction<bool>([&](Connection& c) -> core::Result<bool> {
                    auto rs = c.execute("UPDATE downloads SET status = 'SEARCHING', claimed_by = $2, claimed_until = $3, "
                                        "updated_at = $4 WHERE id = $1 AND status = 'QUEUED'",
                                        {id, instance, leaseUntil, now()});
                    if (!rs)
                        return core::fail(rs.error());
                    if (rs->affectedRows == 0)
                        return false;
                    if (auto e = recordEvent(c, id, S::Queued, S::Searching, core::TransitionReason::Claimed, std::nullopt,
                                             std::nullopt, std::nullopt, now());
                        !e)
                        return core::fail(e.error());
                    return true;
                });
                if (!claimed)
                    return core::fail(claimed.error());
                if (!*claimed)
                    continue;
                return std::optional<std::int64_t>(id);
            }
        }
        return std::optional<std::int64_t>{};
    }

    core::Result<void> DownloadStateStore::renewLeases(const std::string& instance, const std::vector<std::int64_t>& ids,
                                                       const std::string& leaseUntil)
    {
        for (const auto id : ids)
        {
            auto rs = db_.execute("UPDATE downloads SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2 AND status IN "
                                  "('SEARCHING', 'DOWNLOADING', 'VERIFYING')",
                                  {id, instance, leaseUntil});
            if (!rs)
                return core::fail(rs.error());
        }
        return {};
    }

    core::Result<void> DownloadStateStore::leaseTransferRows(const std::string& instance, const std::string& nowIso,
                                                             const std::string& leaseUntil)
    {
        auto rs = db_.execute("UPDATE downloads SET claimed_by = $1, claimed_until = $3 WHERE status IN ('DOWNLOADING', "
                              "'VERIFYING') AND (claimed_by = $1 OR claimed_by IS NULL OR claimed_until IS NULL OR "
                              "claimed_until < $2)",
                              {instance, nowIso, leaseUntil});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<std::vector<std::int64_t>> DownloadStateStore::takeStrandedSearches(const std::string& instance,
                                                                                   const std::string& nowIso,
                                                                                   const std::string& leaseUntil,
                                                                                   Stranded scope)
    {
        std::string sql = "SELECT id, claimed_by, claimed_until FROM downloads WHERE status = 'SEARCHING'";
        Params params;
        if (scope == Stranded::LeaseExpired)
        {
            sql += " AND (claimed_until IS NULL OR claimed_until < $1)";
            params = {nowIso};
        }
        else if (scope == Stranded::ExpiredOrOwnStale)
        {
            sql += " AND (claimed_until IS NULL OR claimed_until < $1 OR claimed_by = $2)";
            params = {nowIso, instance};
        }
        auto rs = db_.execute(sql + " ORDER BY id LIMIT 500", params);
        if (!rs)
            return core::fail(rs.error());
        std::vector<std::int64_t> taken;
        for (const auto& row : rs->rows)
        {
            // Compare-and-set on the old lease: of two watchdogs, one takes the row.
            const auto id = row.getInt(0);
            auto upd = db_.execute("UPDATE downloads SET claimed_by = $2, claimed_until = $3 WHERE id = $1 AND status = "
                                   "'SEARCHING' AND claimed_by IS NOT DISTINCT FROM $4 AND claimed_until IS NOT DISTINCT FROM $5",
                                   {id, instance, leaseUntil, toValue(row.getOptString(1)), toValue(row.getOptString(2))});
            if (!upd)
                return core::fail(upd.error());
            if (upd->affectedRows > 0)
                taken.push_back(id);
        }
        return taken;
    }

    core::Result<void> DownloadStateStore::setWaiting(std::int64_t id, const std::optional<std::string>& why)
    {
        auto rs = db_.execute("UPDATE downloads SET waiting_for = $2 WHERE id = $1", {id, toValue(why)});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<std::int64_t> DownloadStateStore::reviveNotFound(const std::string& nowIso)
    {
        auto due = db_.execute("SELECT id FROM downloads WHERE status = 'NOT_FOUND' AND next_attempt_at IS NOT NULL AND "
                               "next_attempt_at <= $1 ORDER BY id LIMIT 200",
                               {nowIso});
        if (!due)
            return core::fail(due.error());
        std::int64_t revived = 0;
        for (const auto& row : due->rows)
        {
            auto moved = move(row.getInt(0), {S::NotFound}, S::Queued, core::TransitionReason::WishlistRetry);
            if (!moved)
            {
                if (moved.error().code == core::ErrorCode::Conflict)
                    continue; // the track got another active download meanwhile; this one stays NOT_FOUND
                return core::fail(moved.error());
            }
            revived += *moved ? 1 : 0;
        }
        return revived;
    }

    core::Result<std::vector<DownloadEventRecord>> DownloadStateStore::events(std::int64_t downloadId)
    {
        auto rs = db_.execute("SELECT id, download_id, track_id, from_status, to_status, reason, message, username, filename, "
                              "at FROM download_events WHERE download_id = $1 ORDER BY id",
                              {downloadId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<DownloadEventRecord> out;
        for (const auto& r : rs->rows)
            out.push_back({r.getInt(0), r.getInt(1), r.getOptInt(2), r.getOptString(3), r.getString(4), r.getString(5),
                           r.getOptString(6), r.getOptString(7), r.getOptString(8), r.getString(9)});
        return out;
    }
} // namespace soulspot::db
