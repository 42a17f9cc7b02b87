#include "db/repositories/LibraryRepository.hpp"

#include <cctype>
#include <algorithm>
#include <chrono>

#include "core/Clock.hpp"

namespace soulspot::db
{
    namespace
    {
        constexpr const char* kColumns =
            "id, path, size_bytes, mtime_ns, format, codec, duration_ms, bitrate, sample_rate, bit_depth, channels, "
            "quality_rank, title, artist, album, album_artist, track_number, track_total, disc_number, disc_total, "
            "release_date, genre, isrc, mb_recording_id, mb_release_id, has_cover, match_key, track_id, "
            "enrichment_state, enrichment_attempts, enrichment_next_at, enrichment_error, scanned_at";

        constexpr std::size_t kUpsertColumns = 29;
        constexpr std::size_t kRowsPerStatement = 32; // 928 parameters: far below the engines' caps
        constexpr const char* kUpsertHead =
            "INSERT INTO library_files (path, size_bytes, mtime_ns, format, codec, duration_ms, bitrate, sample_rate, "
            "bit_depth, channels, quality_rank, title, artist, album, album_artist, track_number, track_total, "
            "disc_number, disc_total, release_date, genre, isrc, mb_recording_id, mb_release_id, has_cover, match_key, "
            "track_id, enrichment_state, scanned_at) VALUES ";
        // A refresh keeps the link to the wanted track and the enrichment state unless the file now carries a
        // recording id (tagged elsewhere, e.g. by Picard).
        constexpr const char* kUpsertTail =
            " ON CONFLICT (path) DO UPDATE SET size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns, "
            "format = excluded.format, codec = excluded.codec, duration_ms = excluded.duration_ms, "
            "bitrate = excluded.bitrate, sample_rate = excluded.sample_rate, bit_depth = excluded.bit_depth, "
            "channels = excluded.channels, quality_rank = excluded.quality_rank, title = excluded.title, "
            "artist = excluded.artist, album = excluded.album, album_artist = excluded.album_artist, "
            "track_number = excluded.track_number, track_total = excluded.track_total, "
            "disc_number = excluded.disc_number, disc_total = excluded.disc_total, "
            "release_date = excluded.release_date, genre = excluded.genre, isrc = excluded.isrc, "
            "mb_recording_id = excluded.mb_recording_id, mb_release_id = excluded.mb_release_id, "
            "has_cover = excluded.has_cover, match_key = excluded.match_key, "
            "track_id = COALESCE(excluded.track_id, library_files.track_id), "
            "enrichment_state = CASE WHEN excluded.mb_recording_id IS NOT NULL THEN 'done' "
            "ELSE library_files.enrichment_state END, scanned_at = excluded.scanned_at";

        Value textOrNull(const std::string& s) { return s.empty() ? null() : Value(s); }
        Value intOrNull(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }

        std::optional<int> optInt(const Row& r, std::size_t i)
        {
            if (auto v = r.getOptInt(i))
                return static_cast<int>(*v);
            return std::nullopt;
        }

        LibraryFileRecord fromRow(const Row& r)
        {
            LibraryFileRecord f;
            f.id = r.getInt(0);
            f.path = r.getString(1);
            f.sizeBytes = r.getInt(2);
            f.mtimeNs = r.getInt(3);
            f.format = r.getString(4);
            f.codec = r.getString(5);
            f.durationMs = optInt(r, 6);
            f.bitrate = optInt(r, 7);
            f.sampleRate = optInt(r, 8);
            f.bitDepth = optInt(r, 9);
            f.channels = optInt(r, 10);
            f.qualityRank = r.getOptInt(11);
            f.title = r.getString(12);
            f.artist = r.getString(13);
            f.album = r.getString(14);
            f.albumArtist = r.getString(15);
            f.trackNumber = optInt(r, 16);
            f.trackTotal = optInt(r, 17);
            f.discNumber = optInt(r, 18);
            f.discTotal = optInt(r, 19);
            f.releaseDate = r.getString(20);
            f.genre = r.getString(21);
            f.isrc = r.getString(22);
            f.mbRecordingId = r.getString(23);
            f.mbReleaseId = r.getString(24);
            f.hasCover = r.getBool(25);
            f.matchKey = r.getString(26);
            f.trackId = r.getOptInt(27);
            f.enrichmentState = r.getString(28);
            f.enrichmentAttempts = static_cast<int>(r.getInt(29));
            f.enrichmentNextAt = r.getOptString(30);
            f.enrichmentError = r.getOptString(31);
            f.scannedAt = r.getString(32);
            return f;
        }

        core::Result<std::vector<LibraryFileRecord>> rows(Database& db, std::string_view sql, const Params& params)
        {
            auto rs = db.execute(sql, params);
            if (!rs)
                return core::fail(rs.error());
            std::vector<LibraryFileRecord> out;
            out.reserve(rs->rows.size());
            for (const auto& r : rs->rows)
                out.push_back(fromRow(r));
            return out;
        }

        core::Result<std::optional<LibraryFileRecord>> firstRow(Database& db, std::string_view sql, const Params& params)
        {
            auto found = rows(db, sql, params);
            if (!found)
                return core::fail(found.error());
            if (found->empty())
                return std::optional<LibraryFileRecord>{};
            return std::optional<LibraryFileRecord>(std::move(found->front()));
        }

        // LIKE pattern for a substring match; '\' escapes the wildcards a user may type.
        std::string likePattern(const std::string& q)
        {
            std::string out = "%";
            for (char ch : q)
            {
                if (ch == '%' || ch == '_' || ch == '\\')
                    out += '\\';
                out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
            return out + "%";
        }

        core::Result<std::vector<std::pair<std::string, std::int64_t>>> grouped(Database& db, std::string_view sql)
        {
            auto rs = db.execute(sql);
            if (!rs)
                return core::fail(rs.error());
            std::vector<std::pair<std::string, std::int64_t>> out;
            for (const auto& r : rs->rows)
                out.emplace_back(r.getString(0), r.getInt(1));
            return out;
        }
    } // namespace

    core::Result<std::unordered_map<std::string, FileStamp>> LibraryRepository::stamps(const std::string& prefix)
    {
        auto rs = db_.execute("SELECT path, size_bytes, mtime_ns FROM library_files");
        if (!rs)
            return core::fail(rs.error());
        std::unordered_map<std::string, FileStamp> out;
        out.reserve(rs->rows.size());
        for (const auto& r : rs->rows)
        {
            auto path = r.getString(0);
            if (path.starts_with(prefix))
                out.emplace(std::move(path), FileStamp{r.getInt(1), r.getInt(2)});
        }
        return out;
    }

    core::Result<void> LibraryRepository::upsertBatch(const std::vector<LibraryFileRecord>& batch)
    {
        if (batch.empty())
            return {};
        // Many rows per statement: preparing the statement costs more than running it, and the scanner
        // writes thousands of rows (PostgreSQL refuses one path twice in a statement, so dedupe first).
        std::vector<const LibraryFileRecord*> rows;
        {
            std::unordered_map<std::string, std::size_t> seen;
            for (const auto& f : batch)
            {
                auto [it, inserted] = seen.emplace(f.path, rows.size());
                if (inserted)
                    rows.push_back(&f);
                else
                    rows[it->second] = &f;
            }
        }
        const std::string now = core::toIso8601(std::chrono::system_clock::now());
        return db_.transactionVoid([&](Connection& c) -> core::Result<void> {
            for (std::size_t start = 0; start < rows.size(); start += kRowsPerStatement)
            {
                const std::size_t n = std::min(kRowsPerStatement, rows.size() - start);
                Params params;
                params.reserve(n * kUpsertColumns);
                std::string values;
                for (std::size_t i = 0; i < n; ++i)
                {
                    const auto& f = *rows[start + i];
                    values += i == 0 ? "(" : ", (";
                    for (std::size_t col = 1; col <= kUpsertColumns; ++col)
                        values += "$" + std::to_string(i * kUpsertColumns + col) + (col == kUpsertColumns ? ")" : ", ");
                    for (auto& v : Params{f.path, f.sizeBytes, f.mtimeNs, f.format, textOrNull(f.codec), toValue(f.durationMs),
                                          toValue(f.bitrate), toValue(f.sampleRate), toValue(f.bitDepth), toValue(f.channels),
                                          intOrNull(f.qualityRank), textOrNull(f.title), textOrNull(f.artist),
                                          textOrNull(f.album), textOrNull(f.albumArtist), toValue(f.trackNumber),
                                          toValue(f.trackTotal), toValue(f.discNumber), toValue(f.discTotal),
                                          textOrNull(f.releaseDate), textOrNull(f.genre), textOrNull(f.isrc),
                                          textOrNull(f.mbRecordingId), textOrNull(f.mbReleaseId),
                                          std::int64_t{f.hasCover ? 1 : 0}, textOrNull(f.matchKey), intOrNull(f.trackId),
                                          f.mbRecordingId.empty() ? f.enrichmentState : std::string(kEnrichDone),
                                          f.scannedAt.empty() ? now : f.scannedAt})
                        params.push_back(std::move(v));
                }
                auto rs = c.execute(std::string(kUpsertHead) + values + kUpsertTail, params);
                if (!rs)
                    return core::fail(rs.error());
            }
            return {};
        });
    }

    core::Result<std::int64_t> LibraryRepository::removePaths(const std::vector<std::string>& paths)
    {
        if (paths.empty())
            return std::int64_t{0};
        return db_.transaction<std::int64_t>([&](Connection& c) -> core::Result<std::int64_t> {
            std::int64_t removed = 0;
            for (const auto& p : paths)
            {
                auto rs = c.execute("DELETE FROM library_files WHERE path = $1", {p});
                if (!rs)
                    return core::fail(rs.error());
                removed += rs->affectedRows;
            }
            return removed;
        });
    }

    core::Result<std::optional<LibraryFileRecord>> LibraryRepository::findByPath(const std::string& path)
    {
        return firstRow(db_, std::string("SELECT ") + kColumns + " FROM library_files WHERE path = $1", {path});
    }

    core::Result<std::optional<LibraryFileRecord>> LibraryRepository::get(std::int64_t id)
    {
        return firstRow(db_, std::string("SELECT ") + kColumns + " FROM library_files WHERE id = $1", {id});
    }

    core::Result<std::pair<std::vector<LibraryFileRecord>, std::int64_t>> LibraryRepository::search(const std::string& q,
                                                                                                    int limit, int offset)
    {
        std::string where;
        Params params;
        if (!q.empty())
        {
            where = " WHERE LOWER(COALESCE(title, '')) LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(artist, '')) LIKE $1 ESCAPE '\\' "
                    "OR LOWER(COALESCE(album, '')) LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(album_artist, '')) LIKE $1 ESCAPE '\\'";
            params.emplace_back(likePattern(q));
        }
        auto total = db_.execute("SELECT COUNT(*) FROM library_files" + where, params);
        if (!total)
            return core::fail(total.error());
        Params page = params;
        page.emplace_back(std::int64_t{limit});
        page.emplace_back(std::int64_t{offset});
        auto found = rows(db_,
                          std::string("SELECT ") + kColumns + " FROM library_files" + where +
                              " ORDER BY LOWER(COALESCE(album_artist, artist, '')), LOWER(COALESCE(album, '')), "
                              "COALESCE(disc_number, 0), COALESCE(track_number, 0), path LIMIT $" +
                              std::to_string(params.size() + 1) + " OFFSET $" + std::to_string(params.size() + 2),
                          page);
        if (!found)
            return core::fail(found.error());
        return std::make_pair(std::move(*found), total->front().getInt(0));
    }

    core::Result<LibraryStats> LibraryRepository::stats()
    {
        LibraryStats s;
        auto totals = db_.execute(
            "SELECT COUNT(*), CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT), CAST(COALESCE(SUM(duration_ms), 0) AS BIGINT), "
            "COUNT(DISTINCT LOWER(COALESCE(album_artist, artist))), "
            "COUNT(DISTINCT LOWER(COALESCE(album_artist, artist, '')) || '|' || LOWER(album)), "
            "COUNT(track_id), MAX(scanned_at) FROM library_files");
        if (!totals)
            return core::fail(totals.error());
        const Row& r = totals->front();
        s.files = r.getInt(0);
        s.totalBytes = r.getInt(1);
        s.totalDurationMs = r.getInt(2);
        s.artists = r.getInt(3);
        s.albums = r.getInt(4);
        s.linkedToTracks = r.getInt(5);
        s.lastScannedAt = r.getOptString(6);
        auto formats = grouped(db_, "SELECT format, COUNT(*) FROM library_files GROUP BY format ORDER BY format");
        if (!formats)
            return core::fail(formats.error());
        s.byFormat = std::move(*formats);
        auto states = grouped(db_, "SELECT enrichment_state, COUNT(*) FROM library_files GROUP BY enrichment_state "
                                   "ORDER BY enrichment_state");
        if (!states)
            return core::fail(states.error());
        s.byEnrichmentState = std::move(*states);
        return s;
    }

    core::Result<std::vector<LibraryFileRecord>> LibraryRepository::duplicateCandidates()
    {
        return rows(db_,
                    std::string("SELECT ") + kColumns +
                        " FROM library_files WHERE match_key IN (SELECT match_key FROM library_files WHERE match_key IS NOT "
                        "NULL GROUP BY match_key HAVING COUNT(*) > 1) OR mb_recording_id IN (SELECT mb_recording_id FROM "
                        "library_files WHERE mb_recording_id IS NOT NULL GROUP BY mb_recording_id HAVING COUNT(*) > 1) "
                        "ORDER BY match_key, duration_ms, path",
                    {});
    }

    core::Result<std::optional<LibraryFileRecord>> LibraryRepository::findOwned(const OwnedQuery& q)
    {
        std::string where;
        Params params;
        auto add = [&](const std::string& clause) { where += (where.empty() ? "" : " OR ") + clause; };
        if (!q.isrc.empty())
        {
            params.emplace_back(q.isrc);
            add("isrc = $" + std::to_string(params.size()));
        }
        if (!q.mbRecordingId.empty())
        {
            params.emplace_back(q.mbRecordingId);
            add("mb_recording_id = $" + std::to_string(params.size()));
        }
        if (!q.matchKey.empty())
        {
            params.emplace_back(q.matchKey);
            std::string clause = "(match_key = $" + std::to_string(params.size());
            if (!q.isrc.empty())
                clause += " AND (isrc IS NULL OR isrc = $1)"; // a different ISRC is a different recording
            if (q.durationMs)
            {
                params.emplace_back(std::int64_t{*q.durationMs});
                clause += " AND (duration_ms IS NULL OR ABS(duration_ms - $" + std::to_string(params.size()) + ") <= " +
                          std::to_string(q.toleranceMs) + ")";
            }
            add(clause + ")");
        }
        if (where.empty())
            return std::optional<LibraryFileRecord>{};
        return firstRow(db_,
                        std::string("SELECT ") + kColumns + " FROM library_files WHERE " + where +
                            " ORDER BY COALESCE(quality_rank, 0) DESC, id LIMIT 1",
                        params);
    }

    core::Result<std::vector<LibraryFileRecord>> LibraryRepository::pendingEnrichment(const std::string& nowIso, int limit)
    {
        return rows(db_,
                    std::string("SELECT ") + kColumns +
                        " FROM library_files WHERE enrichment_state = 'pending' AND (enrichment_next_at IS NULL OR "
                        "enrichment_next_at <= $1) ORDER BY CASE WHEN track_id IS NULL THEN 1 ELSE 0 END, id LIMIT $2",
                    {nowIso, std::int64_t{limit}});
    }

    core::Result<void> LibraryRepository::setEnrichment(std::int64_t id, const std::string& state, int attempts,
                                                        const std::optional<std::string>& nextAt,
                                                        const std::optional<std::string>& error)
    {
        auto rs = db_.execute("UPDATE library_files SET enrichment_state = $2, enrichment_attempts = $3, "
                              "enrichment_next_at = $4, enrichment_error = $5 WHERE id = $1",
                              {id, state, std::int64_t{attempts}, toValue(nextAt), toValue(error)});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<void> LibraryRepository::linkTrack(std::int64_t id, std::int64_t trackId)
    {
        auto rs = db_.execute("UPDATE library_files SET track_id = $2 WHERE id = $1", {id, trackId});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<void> LibraryRepository::markTrackOwned(std::int64_t trackId, const std::string& path)
    {
        auto rs = db_.execute("UPDATE tracks SET local_path = $2, updated_at = $3 WHERE id = $1",
                              {trackId, path, core::toIso8601(std::chrono::system_clock::now())});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<void> LibraryRepository::setTrackRecordingId(std::int64_t trackId, const std::string& recordingId)
    {
        auto rs = db_.execute("UPDATE tracks SET musicbrainz_recording_id = $2 WHERE id = $1 AND musicbrainz_recording_id IS NULL",
                              {trackId, recordingId});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<std::optional<std::string>> LibraryRepository::trackRecordingId(std::int64_t trackId)
    {
        auto rs = db_.execute("SELECT musicbrainz_recording_id FROM tracks WHERE id = $1", {trackId});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<std::string>{};
        return rs->front().getOptString(0);
    }

    core::Result<std::optional<std::int64_t>> LibraryRepository::findWantedTrack(const std::string& isrc,
                                                                               const std::string& artist,
                                                                               const std::string& title)
    {
        if (!isrc.empty())
        {
            auto rs = db_.execute("SELECT id FROM tracks WHERE isrc = $1 ORDER BY id LIMIT 1", {isrc});
            if (!rs)
                return core::fail(rs.error());
            if (!rs->empty())
                return std::optional<std::int64_t>(rs->front().getInt(0));
        }
        if (artist.empty() || title.empty())
            return std::optional<std::int64_t>{};
        auto rs = db_.execute("SELECT id FROM tracks WHERE LOWER(artist_name) = LOWER($1) AND LOWER(title) = LOWER($2) "
                              "ORDER BY id LIMIT 1",
                              {artist, title});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<std::int64_t>{};
        return std::optional<std::int64_t>(rs->front().getInt(0));
    }
} // namespace soulspot::db
