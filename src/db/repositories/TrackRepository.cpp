#include "db/repositories/TrackRepository.hpp"

#include <chrono>

#include "core/Clock.hpp"

namespace soulspot::db
{
    namespace
    {
        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
        Value textOrNull(const std::string& s) { return s.empty() ? null() : Value(s); }
    } // namespace

    std::string TrackRecord::artistDisplay() const
    {
        std::string out;
        for (const auto& a : artists)
            out += (out.empty() ? "" : ", ") + a;
        return out;
    }

    // Stored newline-separated: artist names never contain a newline, and it keeps JSON out of this room.
    std::string joinArtists(const std::vector<std::string>& artists)
    {
        std::string out;
        for (const auto& a : artists)
            out += (out.empty() ? "" : "\n") + a;
        return out;
    }

    std::vector<std::string> splitArtists(const std::string& stored)
    {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start <= stored.size() && !stored.empty())
        {
            const auto nl = stored.find('\n', start);
            out.push_back(stored.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
            if (nl == std::string::npos)
                break;
            start = nl + 1;
        }
        return out;
    }

    core::Result<std::int64_t> TrackRepository::upsert(const TrackInput& input)
    {
        return db_.transaction<std::int64_t>([&](Connection& c) { return upsert(c, input); });
    }

    core::Result<std::int64_t> TrackRepository::upsert(Connection& c, const TrackInput& input)
    {
        if (input.title.empty() || input.artists.empty() || input.artists.front().empty())
            return core::fail(core::Error::invalid("a track needs a title and at least one artist"));
        std::optional<std::int64_t> existing;
        auto lookup = [&](std::string_view sql, const Params& p) -> core::Result<void> {
            auto rs = c.execute(sql, p);
            if (!rs)
                return core::fail(rs.error());
            if (!rs->empty())
                existing = rs->front().getInt(0);
            return {};
        };
        if (!input.isrc.empty())
            if (auto r = lookup("SELECT id FROM tracks WHERE isrc = $1 ORDER BY id LIMIT 1", {input.isrc}); !r)
                return core::fail(r.error());
        if (!existing && !input.spotifyId.empty())
            if (auto r = lookup("SELECT id FROM tracks WHERE spotify_id = $1", {input.spotifyId}); !r)
                return core::fail(r.error());
        if (!existing && input.isrc.empty() && input.spotifyId.empty())
            if (auto r = lookup("SELECT id FROM tracks WHERE LOWER(artist_name) = LOWER($1) AND LOWER(title) = LOWER($2) "
                                "AND isrc IS NULL AND spotify_id IS NULL ORDER BY id LIMIT 1",
                                {input.artists.front(), input.title});
                !r)
                return core::fail(r.error());

        const std::string ts = now();
        if (existing)
        {
            // COALESCE keeps known values: an import from a CSV never erases what Spotify told us.
            auto rs = c.execute(
                "UPDATE tracks SET album_title = COALESCE($2, album_title), duration_ms = COALESCE($3, duration_ms), "
                "isrc = COALESCE(isrc, $4), spotify_id = COALESCE(spotify_id, $5), track_number = COALESCE($6, track_number), "
                "disc_number = COALESCE($7, disc_number), release_date = COALESCE($8, release_date), "
                "cover_url = COALESCE($9, cover_url), artists = COALESCE(artists, $10), updated_at = $11 WHERE id = $1",
                {*existing, textOrNull(input.album), toValue(input.durationMs), textOrNull(input.isrc),
                 textOrNull(input.spotifyId), toValue(input.trackNumber), toValue(input.discNumber),
                 textOrNull(input.releaseDate), textOrNull(input.coverUrl), joinArtists(input.artists), ts});
            if (!rs)
                return core::fail(rs.error());
            return *existing;
        }
        auto rs = c.execute(
            "INSERT INTO tracks (title, artist_name, artists, album_title, duration_ms, isrc, spotify_id, track_number, "
            "disc_number, release_date, cover_url, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
            {input.title, input.artists.front(), joinArtists(input.artists), textOrNull(input.album),
             toValue(input.durationMs), textOrNull(input.isrc), textOrNull(input.spotifyId), toValue(input.trackNumber),
             toValue(input.discNumber), textOrNull(input.releaseDate), textOrNull(input.coverUrl), ts});
        if (!rs)
            return core::fail(rs.error());
        return rs->front().getInt(0);
    }

    const char* const kTrackColumns =
        "t.id, t.title, COALESCE(t.artists, t.artist_name), t.album_title, t.duration_ms, t.isrc, t.spotify_id, "
        "t.track_number, t.disc_number, t.release_date, t.cover_url, t.local_path";

    TrackRecord readTrack(const Row& r, std::size_t first)
    {
        auto optInt = [&](std::size_t i) {
            auto v = r.getOptInt(first + i);
            return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
        };
        TrackRecord t;
        t.id = r.getInt(first);
        t.title = r.getString(first + 1);
        t.artists = splitArtists(r.getString(first + 2));
        t.album = r.getString(first + 3);
        t.durationMs = optInt(4);
        t.isrc = r.getString(first + 5);
        t.spotifyId = r.getString(first + 6);
        t.trackNumber = optInt(7);
        t.discNumber = optInt(8);
        t.releaseDate = r.getString(first + 9);
        t.coverUrl = r.getString(first + 10);
        t.localPath = r.getString(first + 11);
        return t;
    }

    core::Result<std::optional<TrackRecord>> TrackRepository::find(std::int64_t id)
    {
        auto rs = db_.execute(std::string("SELECT ") + kTrackColumns + " FROM tracks t WHERE t.id = $1", {id});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<TrackRecord>{};
        return std::optional<TrackRecord>(readTrack(rs->front(), 0));
    }
} // namespace soulspot::db
