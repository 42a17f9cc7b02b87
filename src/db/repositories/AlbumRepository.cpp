#include "db/repositories/AlbumRepository.hpp"

#include <algorithm>
#include <chrono>

#include "core/Clock.hpp"
#include "core/Log.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    namespace
    {
        using S = core::DownloadStatus;
        const core::Logger kLog("db.albums");

        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
        std::string str(S s) { return std::string(core::toString(s)); }
        Value textOrNull(const std::string& s) { return s.empty() ? null() : Value(s); }
        std::optional<int> optInt(const Row& r, std::size_t i)
        {
            auto v = r.getOptInt(i);
            return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
        }

        std::string joinLines(const std::vector<std::string>& lines)
        {
            std::string out;
            for (const auto& l : lines)
                out += (out.empty() ? "" : "\n") + l;
            return out;
        }

        constexpr const char* kAlbumColumns =
            "a.id, a.title, a.artist_name, a.release_date, a.primary_type, a.disc_count, a.spotify_id, "
            "a.musicbrainz_release_id, a.release_group_mbid, a.cover_url, a.source, a.release_choice, a.status, "
            "a.incomplete_policy, a.replace_owned, a.quality_profile, a.chosen_folder, a.search_query, a.search_retries, "
            "a.next_attempt_at, a.error_code, a.error_message, a.waiting_for, a.claimed_by, a.claimed_until, a.created_at, "
            "a.updated_at, a.completed_at, (SELECT COUNT(*) FROM album_tracks x WHERE x.album_id = a.id)";

        AlbumRecord readAlbum(const Row& r)
        {
            AlbumRecord a;
            a.id = r.getInt(0);
            a.title = r.getString(1);
            a.artist = r.getString(2);
            a.releaseDate = r.getString(3);
            a.primaryType = r.getString(4);
            a.discCount = static_cast<int>(r.getInt(5));
            a.spotifyId = r.getString(6);
            a.releaseMbid = r.getString(7);
            a.releaseGroupMbid = r.getString(8);
            a.coverUrl = r.getString(9);
            a.source = r.getString(10);
            a.releaseChoice = r.getString(11);
            a.status = core::parseDownloadStatus(r.getString(12)).value_or(S::Queued);
            a.policy = parseIncompletePolicy(r.getString(13)).value_or(IncompletePolicy::WaitAndRetry);
            a.replaceOwned = r.getBool(14);
            a.qualityProfile = r.getOptString(15);
            a.chosenFolder = optInt(r, 16);
            a.searchQuery = r.getOptString(17);
            a.searchRetries = static_cast<int>(r.getInt(18));
            a.nextAttemptAt = r.getOptString(19);
            a.errorCode = r.getOptString(20);
            a.errorMessage = r.getOptString(21);
            a.waitingFor = r.getOptString(22);
            a.claimedBy = r.getOptString(23);
            a.claimedUntil = r.getOptString(24);
            a.createdAt = r.getString(25);
            a.updatedAt = r.getString(26);
            a.completedAt = r.getOptString(27);
            a.trackCount = static_cast<int>(r.getInt(28));
            return a;
        }

        void logRefused(std::int64_t id, S from, S to, core::TransitionReason reason)
        {
            kLog.error("illegal album status transition refused", {{"album_id", id},
                                                                   {"from", str(from)},
                                                                   {"to", str(to)},
                                                                   {"reason", std::string(core::toString(reason))}});
        }

        core::Result<void> recordEvent(Connection& c, std::int64_t id, std::optional<S> from, S to,
                                       core::TransitionReason reason, const std::optional<std::string>& message,
                                       const std::string& at)
        {
            auto r = c.execute("INSERT INTO album_events (album_id, from_status, to_status, reason, message, at) "
                               "VALUES ($1, $2, $3, $4, $5, $6)",
                               {id, from ? Value(str(*from)) : null(), str(to), std::string(core::toString(reason)),
                                toValue(message), at});
            if (!r)
                return core::fail(r.error());
            return {};
        }

        core::Result<std::optional<std::int64_t>> existingFor(Connection& c, const AlbumInput& in)
        {
            // The same release wanted twice is one album; a catalogue row nobody asked for (status NULL) is reused.
            auto probe = [&](const char* column, const std::string& value) -> core::Result<std::optional<std::int64_t>> {
                if (value.empty())
                    return std::optional<std::int64_t>{};
                auto rs = c.execute(std::string("SELECT id FROM albums WHERE ") + column + " = $1 ORDER BY id LIMIT 1", {value});
                if (!rs)
                    return core::fail(rs.error());
                if (rs->empty())
                    return std::optional<std::int64_t>{};
                return std::optional<std::int64_t>(rs->front().getInt(0));
            };
            auto bySpotify = probe("spotify_id", in.spotifyId);
            if (!bySpotify || *bySpotify)
                return bySpotify;
            return probe("musicbrainz_release_id", in.releaseMbid);
        }
    } // namespace

    std::string_view toString(IncompletePolicy p)
    {
        switch (p)
        {
        case IncompletePolicy::KeepPartial: return "keep_partial";
        case IncompletePolicy::WaitAndRetry: return "wait";
        case IncompletePolicy::Discard: return "discard";
        }
        return "wait";
    }

    std::optional<IncompletePolicy> parseIncompletePolicy(std::string_view s)
    {
        if (s == "keep_partial" || s == "keep-partial")
            return IncompletePolicy::KeepPartial;
        if (s == "wait" || s == "wait_and_retry" || s == "wait-and-retry")
            return IncompletePolicy::WaitAndRetry;
        if (s == "discard")
            return IncompletePolicy::Discard;
        return std::nullopt;
    }

    core::Result<AlbumCreated> AlbumRepository::create(const AlbumInput& in)
    {
        if (in.title.empty() || in.tracks.empty())
            return core::fail(core::Error::invalid("an album needs a title and at least one track"));
        return db_.transaction<AlbumCreated>([&](Connection& c) -> core::Result<AlbumCreated> {
            auto existing = existingFor(c, in);
            if (!existing)
                return core::fail(existing.error());
            const std::string ts = now();
            std::int64_t id = 0;
            if (*existing)
            {
                auto st = c.execute("SELECT status FROM albums WHERE id = $1", {**existing});
                if (!st)
                    return core::fail(st.error());
                if (!st->empty() && st->front().getOptString(0))
                    return AlbumCreated{**existing, false};
                id = **existing; // a catalogue row: becomes the wanted album
                if (auto d = c.execute("DELETE FROM album_tracks WHERE album_id = $1", {id}); !d)
                    return core::fail(d.error());
            }
            const Params values{in.title,
                                in.artist,
                                textOrNull(in.releaseDate),
                                textOrNull(in.primaryType),
                                std::int64_t{std::max(1, in.discCount)},
                                textOrNull(in.spotifyId),
                                textOrNull(in.releaseMbid),
                                textOrNull(in.releaseGroupMbid),
                                textOrNull(in.coverUrl),
                                in.source,
                                textOrNull(in.releaseChoice),
                                std::string(toString(in.policy)),
                                std::int64_t{in.replaceOwned ? 1 : 0},
                                toValue(in.qualityProfile),
                                std::int64_t{static_cast<std::int64_t>(in.tracks.size())},
                                ts};
            if (id == 0)
            {
                auto rs = c.execute(
                    "INSERT INTO albums (title, artist_name, release_date, primary_type, disc_count, spotify_id, "
                    "musicbrainz_release_id, release_group_mbid, cover_url, source, release_choice, incomplete_policy, "
                    "replace_owned, quality_profile, total_tracks, created_at, updated_at, status) VALUES ($1, $2, $3, $4, "
                    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 'QUEUED') RETURNING id",
                    values);
                if (!rs)
                    return core::fail(rs.error());
                id = rs->front().getInt(0);
            }
            else
            {
                Params p = values;
                p.push_back(id);
                auto rs = c.execute(
                    "UPDATE albums SET title = $1, artist_name = $2, release_date = $3, primary_type = $4, disc_count = $5, "
                    "spotify_id = $6, musicbrainz_release_id = $7, release_group_mbid = $8, cover_url = $9, source = $10, "
                    "release_choice = $11, incomplete_policy = $12, replace_owned = $13, quality_profile = $14, "
                    "total_tracks = $15, updated_at = $16, status = 'QUEUED' WHERE id = $17",
                    p);
                if (!rs)
                    return core::fail(rs.error());
            }
            TrackRepository trackRepo(db_);
            for (std::size_t i = 0; i < in.tracks.size(); ++i)
            {
                const auto& t = in.tracks[i];
                auto trackId = trackRepo.upsert(c, t.track);
                if (!trackId)
                    return core::fail(trackId.error());
                auto ins = c.execute("INSERT INTO album_tracks (album_id, position, track_id, disc_number, track_number) "
                                     "VALUES ($1, $2, $3, $4, $5)",
                                     {id, static_cast<std::int64_t>(i), *trackId, std::int64_t{std::max(1, t.discNumber)},
                                      std::int64_t{t.trackNumber}});
                if (!ins)
                    return core::fail(ins.error());
            }
            if (auto e = recordEvent(c, id, std::nullopt, S::Queued, core::TransitionReason::UserRetry,
                                     std::string("wanted: ") + in.source, ts);
                !e)
                return core::fail(e.error());
            return AlbumCreated{id, true};
        });
    }

    core::Result<std::optional<AlbumRecord>> AlbumRepository::find(std::int64_t id)
    {
        auto rs = db_.execute(std::string("SELECT ") + kAlbumColumns + " FROM albums a WHERE a.id = $1 AND a.status IS NOT NULL",
                              {id});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<AlbumRecord>{};
        return std::optional<AlbumRecord>(readAlbum(rs->front()));
    }

    core::Result<std::vector<AlbumRecord>> AlbumRepository::list(const AlbumFilter& f)
    {
        std::string sql = std::string("SELECT ") + kAlbumColumns + " FROM albums a WHERE a.status IS NOT NULL";
        Params params;
        if (!f.statuses.empty())
        {
            sql += " AND a.status IN (";
            for (std::size_t i = 0; i < f.statuses.size(); ++i)
            {
                params.push_back(str(f.statuses[i]));
                sql += (i ? ", $" : "$") + std::to_string(params.size());
            }
            sql += ")";
        }
        sql += " ORDER BY a.id DESC";
        if (f.limit)
        {
            params.push_back(std::int64_t{*f.limit});
            sql += " LIMIT $" + std::to_string(params.size());
            params.push_back(std::int64_t{f.offset});
            sql += " OFFSET $" + std::to_string(params.size());
        }
        auto rs = db_.execute(sql, params);
        if (!rs)
            return core::fail(rs.error());
        std::vector<AlbumRecord> out;
        out.reserve(rs->rows.size());
        for (const auto& r : rs->rows)
            out.push_back(readAlbum(r));
        return out;
    }

    core::Result<std::vector<AlbumTrackRecord>> AlbumRepository::tracks(std::int64_t albumId)
    {
        // The newest download fetched for this album per track, else the track's newest download of any kind
        // (a track wanted by a playlist too serves the album) — with its status, in one query: settle() reads
        // this for every downloading album on each monitor pass.
        auto rs = db_.execute(
            std::string("SELECT at.position, at.disc_number, at.track_number, ") + kTrackColumns +
                ", d.id, d.status, d.progress_percent FROM album_tracks at JOIN tracks t ON t.id = at.track_id "
                "LEFT JOIN downloads d ON d.id = (SELECT MAX(x.id) FROM downloads x WHERE x.track_id = t.id AND "
                "(x.album_id = $1 OR x.album_id IS NULL)) WHERE at.album_id = $1 ORDER BY at.position",
            {albumId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<AlbumTrackRecord> out;
        for (const auto& r : rs->rows)
        {
            AlbumTrackRecord t;
            t.position = static_cast<int>(r.getInt(0));
            t.discNumber = static_cast<int>(r.getInt(1));
            t.trackNumber = static_cast<int>(r.getInt(2));
            t.track = readTrack(r, 3);
            t.owned = !t.track.localPath.empty();
            t.downloadId = r.getOptInt(15);
            if (t.downloadId)
            {
                t.downloadStatus = core::parseDownloadStatus(r.getString(16));
                t.progressPercent = r.getDouble(17);
            }
            out.push_back(std::move(t));
        }
        return out;
    }

    core::Result<void> AlbumRepository::replaceFolders(std::int64_t albumId, const std::vector<AlbumFolderRecord>& folders)
    {
        return db_.transactionVoid([&](Connection& c) -> core::Result<void> {
            if (auto d = c.execute("DELETE FROM album_folders WHERE album_id = $1", {albumId}); !d)
                return core::fail(d.error());
            for (const auto& f : folders)
            {
                auto ins = c.execute(
                    "INSERT INTO album_folders (album_id, rank, username, directory, accepted, score, format, "
                    "matched_tracks, missing_tracks, audio_files, browsed, reasons, has_free_slot, queue_length, "
                    "upload_speed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                    {albumId, std::int64_t{f.rank}, f.username, f.directory, std::int64_t{f.accepted ? 1 : 0}, f.score,
                     textOrNull(f.format), std::int64_t{f.matchedTracks}, std::int64_t{f.missingTracks},
                     std::int64_t{f.audioFiles}, std::int64_t{f.browsed ? 1 : 0}, joinLines(f.reasons),
                     std::int64_t{f.hasFreeSlot ? 1 : 0}, f.queueLength, f.uploadSpeed});
                if (!ins)
                    return core::fail(ins.error());
                const auto folderId = ins->front().getInt(0);
                for (const auto& p : f.picks)
                {
                    auto pi = c.execute(
                        "INSERT INTO album_folder_picks (folder_id, position, filename, size, format, bit_rate, bit_depth, "
                        "sample_rate, length_seconds, confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                        {folderId, std::int64_t{p.position}, p.filename, p.size, textOrNull(p.format), toValue(p.bitRate),
                         toValue(p.bitDepth), toValue(p.sampleRate), toValue(p.length), p.confidence});
                    if (!pi)
                        return core::fail(pi.error());
                }
            }
            return {};
        });
    }

    core::Result<std::vector<AlbumFolderRecord>> AlbumRepository::folders(std::int64_t albumId)
    {
        auto rs = db_.execute("SELECT id, album_id, rank, username, directory, accepted, score, format, matched_tracks, "
                              "missing_tracks, audio_files, browsed, reasons, has_free_slot, queue_length, upload_speed "
                              "FROM album_folders WHERE album_id = $1 ORDER BY rank",
                              {albumId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<AlbumFolderRecord> out;
        for (const auto& r : rs->rows)
        {
            AlbumFolderRecord f;
            f.id = r.getInt(0);
            f.albumId = r.getInt(1);
            f.rank = static_cast<int>(r.getInt(2));
            f.username = r.getString(3);
            f.directory = r.getString(4);
            f.accepted = r.getBool(5);
            f.score = r.getDouble(6);
            f.format = r.getString(7);
            f.matchedTracks = static_cast<int>(r.getInt(8));
            f.missingTracks = static_cast<int>(r.getInt(9));
            f.audioFiles = static_cast<int>(r.getInt(10));
            f.browsed = r.getBool(11);
            f.reasons = splitArtists(r.getString(12)); // newline-separated, like artists
            f.hasFreeSlot = r.getBool(13);
            f.queueLength = r.getInt(14);
            f.uploadSpeed = r.getInt(15);
            out.push_back(std::move(f));
        }
        auto picks = db_.execute("SELECT p.folder_id, p.position, p.filename, p.size, p.format, p.bit_rate, p.bit_depth, "
                                 "p.sample_rate, p.length_seconds, p.confidence FROM album_folder_picks p JOIN album_folders f "
                                 "ON f.id = p.folder_id WHERE f.album_id = $1 ORDER BY p.folder_id, p.position",
                                 {albumId});
        if (!picks)
            return core::fail(picks.error());
        for (const auto& r : picks->rows)
        {
            const auto folderId = r.getInt(0);
            auto it = std::find_if(out.begin(), out.end(), [&](const AlbumFolderRecord& f) { return f.id == folderId; });
            if (it == out.end())
                continue;
            AlbumFolderPick p;
            p.position = static_cast<int>(r.getInt(1));
            p.filename = r.getString(2);
            p.size = r.getInt(3);
            p.format = r.getString(4);
            p.bitRate = optInt(r, 5);
            p.bitDepth = optInt(r, 6);
            p.sampleRate = optInt(r, 7);
            p.length = optInt(r, 8);
            p.confidence = r.getDouble(9);
            it->picks.push_back(std::move(p));
        }
        return out;
    }

    core::Result<bool> AlbumRepository::save(const AlbumRecord& a, S expected, core::TransitionReason reason,
                                             std::string_view note)
    {
        if (!core::isLegalAlbumTransition(expected, a.status, reason))
        {
            logRefused(a.id, expected, a.status, reason);
            return false;
        }
        return db_.transaction<bool>([&](Connection& c) -> core::Result<bool> {
            const std::string ts = now();
            const bool owned = core::isOwnedAlbumStatus(a.status);
            auto rs = c.execute(
                "UPDATE albums SET status = $2, chosen_folder = $3, search_query = $4, search_retries = $5, "
                "next_attempt_at = $6, error_code = $7, error_message = $8, waiting_for = $9, completed_at = $10, "
                "updated_at = $11, claimed_by = CASE WHEN $13 = 1 THEN claimed_by ELSE NULL END, "
                "claimed_until = CASE WHEN $13 = 1 THEN claimed_until ELSE NULL END WHERE id = $1 AND status = $12 "
                "AND ($14 = 0 OR COALESCE(claimed_by, '') = $15)",
                {a.id, str(a.status), toValue(a.chosenFolder), toValue(a.searchQuery), std::int64_t{a.searchRetries},
                 toValue(a.nextAttemptAt), toValue(a.errorCode), toValue(a.errorMessage), toValue(a.waitingFor),
                 toValue(a.completedAt), ts, str(expected), std::int64_t{owned ? 1 : 0},
                 // Only the instance holding the album's lease may move it on (see DownloadStateStore::save).
                 std::int64_t{core::isOwnedAlbumStatus(expected) ? 1 : 0}, a.claimedBy.value_or("")});
            if (!rs)
                return core::fail(rs.error());
            if (rs->affectedRows == 0)
                return false;
            if (expected != a.status)
            {
                std::optional<std::string> message = note.empty() ? a.errorMessage : std::optional<std::string>(note);
                if (auto e = recordEvent(c, a.id, expected, a.status, reason, message, ts); !e)
                    return core::fail(e.error());
            }
            return true;
        });
    }

    core::Result<std::optional<S>> AlbumRepository::move(std::int64_t id, const std::vector<S>& from, S to,
                                                         core::TransitionReason reason,
                                                         const std::optional<std::string>& message,
                                                         const std::string& leaseOwner, const std::string& leaseUntil)
    {
        return db_.transaction<std::optional<S>>([&](Connection& c) -> core::Result<std::optional<S>> {
            auto rs = c.execute("SELECT status FROM albums WHERE id = $1 AND status IS NOT NULL", {id});
            if (!rs)
                return core::fail(rs.error());
            if (rs->empty())
                return std::optional<S>{};
            const auto cur = core::parseDownloadStatus(rs->front().getString(0));
            if (!cur || std::find(from.begin(), from.end(), *cur) == from.end())
                return std::optional<S>{};
            if (!core::isLegalAlbumTransition(*cur, to, reason))
            {
                logRefused(id, *cur, to, reason);
                return std::optional<S>{};
            }
            const std::string ts = now();
            const bool requeue = to == S::Queued;
            auto up = c.execute(
                "UPDATE albums SET status = $2, updated_at = $3, claimed_by = CASE WHEN $6 = '' THEN NULL ELSE $6 END, "
                "claimed_until = CASE WHEN $7 = '' THEN NULL ELSE $7 END, "
                "waiting_for = NULL, error_code = CASE WHEN $5 = 1 THEN NULL ELSE error_code END, "
                "error_message = CASE WHEN $5 = 1 THEN NULL ELSE error_message END, "
                "next_attempt_at = CASE WHEN $5 = 1 THEN NULL ELSE next_attempt_at END, "
                "search_retries = CASE WHEN $5 = 1 THEN 0 ELSE search_retries END, "
                "completed_at = CASE WHEN $2 IN ('CANCELLED') THEN $3 ELSE completed_at END "
                "WHERE id = $1 AND status = $4",
                {id, str(to), ts, str(*cur), std::int64_t{requeue ? 1 : 0}, leaseOwner, leaseUntil});
            if (!up)
                return core::fail(up.error());
            if (up->affectedRows == 0)
                return std::optional<S>{};
            if (auto e = recordEvent(c, id, *cur, to, reason, message, ts); !e)
                return core::fail(e.error());
            return cur;
        });
    }

    core::Result<std::optional<std::int64_t>> AlbumRepository::claimNext(const std::string& instance,
                                                                         const std::string& nowIso,
                                                                         const std::string& leaseUntil)
    {
        auto due = db_.execute("SELECT id FROM albums WHERE status = 'QUEUED' AND (next_attempt_at IS NULL OR "
                               "next_attempt_at <= $1) ORDER BY id LIMIT 5",
                               {nowIso});
        if (!due)
            return core::fail(due.error());
        for (const auto& row : due->rows)
        {
            const auto id = row.getInt(0);
            auto claimed = db_.transaction<bool>([&](Connection& c) -> core::Result<bool> {
                auto rs = c.execute("UPDATE albums SET status = 'SEARCHING', claimed_by = $2, claimed_until = $3, "
                                    "updated_at = $4 WHERE id = $1 AND status = 'QUEUED'",
                                    {id, instance, leaseUntil, now()});
                if (!rs)
                    return core::fail(rs.error());
                if (rs->affectedRows == 0)
                    return false;
                if (auto e = recordEvent(c, id, S::Queued, S::Searching, core::TransitionReason::Claimed, std::nullopt, now()); !e)
                    return core::fail(e.error());
                return true;
            });
            if (!claimed)
                return core::fail(claimed.error());
            if (*claimed)
                return std::optional<std::int64_t>(id);
        }
        return std::optional<std::int64_t>{};
    }

    core::Result<void> AlbumRepository::renewLeases(const std::string& instance, const std::vector<std::int64_t>& ids,
                                                    const std::string& leaseUntil)
    {
        for (const auto id : ids)
            if (auto r = db_.execute("UPDATE albums SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2",
                                     {id, instance, leaseUntil});
                !r)
                return core::fail(r.error());
        return {};
    }

    core::Result<std::int64_t> AlbumRepository::moveEach(const ResultSet& ids, S from, S to, core::TransitionReason reason,
                                                         const std::optional<std::string>& message)
    {
        std::int64_t moved = 0;
        for (const auto& row : ids.rows)
        {
            auto m = move(row.getInt(0), {from}, to, reason, message);
            if (!m)
                return core::fail(m.error());
            moved += *m ? 1 : 0;
        }
        return moved;
    }

    core::Result<std::int64_t> AlbumRepository::requeueStranded(const std::string& instance, const std::string& nowIso,
                                                                bool includeOwn)
    {
        auto rs = db_.execute("SELECT id FROM albums WHERE status = 'SEARCHING' AND (claimed_until IS NULL OR "
                              "claimed_until < $1 OR ($3 = 1 AND claimed_by = $2))",
                              {nowIso, instance, std::int64_t{includeOwn ? 1 : 0}});
        if (!rs)
            return core::fail(rs.error());
        return moveEach(*rs, S::Searching, S::Queued, core::TransitionReason::Stranded, std::string("no live owner"));
    }

    core::Result<std::vector<AlbumRecord>> AlbumRepository::downloading()
    {
        return list(AlbumFilter{{S::Downloading}, std::nullopt, 0});
    }

    core::Result<std::int64_t> AlbumRepository::reviveNotFound(const std::string& nowIso)
    {
        auto rs = db_.execute("SELECT id FROM albums WHERE status = 'NOT_FOUND' AND next_attempt_at IS NOT NULL AND "
                              "next_attempt_at <= $1",
                              {nowIso});
        if (!rs)
            return core::fail(rs.error());
        return moveEach(*rs, S::NotFound, S::Queued, core::TransitionReason::WishlistRetry, std::nullopt);
    }

    core::Result<std::vector<AlbumDownloadCreated>> AlbumRepository::createDownloads(
        std::int64_t albumId, const std::vector<AlbumDownloadPlan>& plans, const std::optional<std::string>& profile,
        const std::string& instance, const std::string& leaseUntil)
    {
        return db_.transaction<std::vector<AlbumDownloadCreated>>(
            [&](Connection& c) -> core::Result<std::vector<AlbumDownloadCreated>> {
                std::vector<AlbumDownloadCreated> out;
                const std::string ts = now();
                for (const auto& p : plans)
                {
                    if (p.candidates.empty())
                        continue;
                    auto active = c.execute("SELECT id FROM downloads WHERE track_id = $1 AND status IN ('QUEUED', "
                                            "'SEARCHING', 'DOWNLOADING', 'VERIFYING') LIMIT 1",
                                            {p.trackId});
                    if (!active)
                        return core::fail(active.error());
                    if (!active->empty())
                    {
                        const auto id = active->front().getInt(0);
                        if (auto u = c.execute("UPDATE downloads SET album_id = $2 WHERE id = $1 AND album_id IS NULL",
                                               {id, albumId});
                            !u)
                            return core::fail(u.error());
                        out.push_back({p.position, id, false});
                        continue;
                    }
                    const auto& first = p.candidates.front();
                    auto ins = c.execute(
                        "INSERT INTO downloads (track_id, album_id, status, priority, quality_profile, correlation_id, "
                        "slskd_username, slskd_filename, size, bitrate, format, enqueue_pending, claimed_by, claimed_until, "
                        "search_query, created_at, updated_at) VALUES ($1, $2, 'SEARCHING', 0, $3, $4, $5, $6, $7, $8, $9, 1, "
                        "$10, $11, $12, $13, $13) RETURNING id",
                        {p.trackId, albumId, toValue(profile), "album-" + std::to_string(albumId), first.username,
                         first.filename, first.size, toValue(first.bitrate), first.format, instance, leaseUntil,
                         first.searchQuery, ts});
                    if (!ins)
                        return core::fail(ins.error());
                    const auto id = ins->front().getInt(0);
                    if (auto e = insertCandidates(c, id, p.candidates); !e)
                        return core::fail(e.error());
                    // The first candidate is the one being enqueued now: tried, and linked to the row.
                    if (auto u = c.execute("UPDATE download_candidates SET tried = 1 WHERE download_id = $1 AND rank = $2",
                                           {id, std::int64_t{first.rank}});
                        !u)
                        return core::fail(u.error());
                    if (auto u = c.execute("UPDATE downloads SET candidate_id = (SELECT id FROM download_candidates WHERE "
                                           "download_id = $1 AND rank = $2) WHERE id = $1",
                                           {id, std::int64_t{first.rank}});
                        !u)
                        return core::fail(u.error());
                    auto ev = c.execute("INSERT INTO download_events (download_id, track_id, from_status, to_status, reason, "
                                        "message, username, filename, at) VALUES ($1, $2, NULL, 'SEARCHING', 'claimed', $3, "
                                        "$4, $5, $6)",
                                        {id, p.trackId, "for album " + std::to_string(albumId), first.username,
                                         first.filename, ts});
                    if (!ev)
                        return core::fail(ev.error());
                    out.push_back({p.position, id, true});
                }
                return out;
            });
    }

    core::Result<std::optional<AlbumRepository::Placement>> AlbumRepository::placementOf(std::int64_t downloadId)
    {
        auto rs = db_.execute("SELECT d.album_id, at.disc_number, at.track_number, (SELECT COUNT(*) FROM album_tracks y "
                              "WHERE y.album_id = at.album_id AND y.disc_number = at.disc_number) FROM downloads d JOIN "
                              "album_tracks at ON at.album_id = d.album_id AND at.track_id = d.track_id WHERE d.id = $1 "
                              "ORDER BY at.position LIMIT 1",
                              {downloadId});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<Placement>{};
        auto album = find(rs->front().getInt(0));
        if (!album)
            return core::fail(album.error());
        if (!*album)
            return std::optional<Placement>{};
        Placement p{**album, static_cast<int>(rs->front().getInt(1)), static_cast<int>(rs->front().getInt(2)),
                    static_cast<int>(rs->front().getInt(3))};
        return std::optional<Placement>(std::move(p));
    }

    core::Result<std::vector<AlbumEventRecord>> AlbumRepository::events(std::int64_t albumId)
    {
        auto rs = db_.execute("SELECT id, album_id, from_status, to_status, reason, message, at FROM album_events "
                              "WHERE album_id = $1 ORDER BY id",
                              {albumId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<AlbumEventRecord> out;
        for (const auto& r : rs->rows)
            out.push_back({r.getInt(0), r.getInt(1), r.getOptString(2), r.getString(3), r.getString(4), r.getOptString(5),
                           r.getString(6)});
        return out;
    }

    core::Result<std::optional<AlbumRepository::TrackRelease>> AlbumRepository::releaseOfTrack(std::int64_t trackId)
    {
        auto rs = db_.execute("SELECT a.musicbrainz_release_id, a.cover_url FROM album_tracks at JOIN albums a ON a.id = "
                              "at.album_id WHERE at.track_id = $1 AND a.status IS NOT NULL ORDER BY a.id DESC LIMIT 1",
                              {trackId});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<TrackRelease>{};
        return std::optional<TrackRelease>(TrackRelease{rs->front().getString(0), rs->front().getString(1)});
    }
} // namespace soulspot::db
