#pragma once
// Tracks are stored once: matched by ISRC, then Spotify id, then (artists, title) when neither is known.

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/Records.hpp"

namespace soulspot::db
{
    class TrackRepository
    {
    public:
        explicit TrackRepository(Database& db) : db_(db) {}
        /// Inserts or updates (filling gaps, never erasing known values); returns the track id.
        core::Result<std::int64_t> upsert(Connection& c, const TrackInput& input);
        core::Result<std::int64_t> upsert(const TrackInput& input);
        core::Result<std::optional<TrackRecord>> find(std::int64_t id);

    private:
        Database& db_;
    };

    /// The track columns `readTrack` expects, in order, for the tracks table aliased `t`.
    extern const char* const kTrackColumns;
    /// Reads a TrackRecord from the 12 columns of kTrackColumns starting at `first`.
    TrackRecord readTrack(const Row& row, std::size_t first);

    std::string joinArtists(const std::vector<std::string>& artists);
    std::vector<std::string> splitArtists(const std::string& stored);
} // namespace soulspot::db
