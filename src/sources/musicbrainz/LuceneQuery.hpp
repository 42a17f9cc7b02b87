#pragma once
// Building MusicBrainz search queries (reference/musicbrainz-api.md §3.5). User text goes inside quoted
// phrases with every Lucene special character backslash-escaped, so "AC/DC" or "Hey! (Remix)" can neither
// break the query nor turn into operators.

#include <optional>
#include <string>
#include <string_view>

namespace soulspot::sources::musicbrainz
{
    /// Backslash before each of + - & | ! ( ) { } [ ] ^ " ~ * ? : \ /.
    std::string escapeLucene(std::string_view text);

    /// Half-width of the duration window put into the query; wider than the acceptance tolerance so the
    /// client, not the server, decides about near misses.
    inline constexpr int kSearchDurationWindowMs = 10000;

    /// recording:"<title>" [AND artist:"<artist>"] [AND dur:[lo TO hi]] — not yet URL-encoded.
    std::string recordingSearchQuery(std::string_view artist, std::string_view title, std::optional<int> durationMs);

    /// releasegroup:"<title>" [AND artist:"<artist>"] — for "Artist - Album" typed by a user; not URL-encoded.
    std::string releaseGroupSearchQuery(std::string_view artist, std::string_view title);
} // namespace soulspot::sources::musicbrainz
