#pragma once
// Wanted tracks imported from a file instead of Spotify, and the per-row problems found on the way.

#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"

namespace soulspot::sources::playlistfile
{
    enum class WantedFileFormat { Csv, M3u, PlainLines };
    std::string_view toString(WantedFileFormat format); // "csv" | "m3u" | "plain"

    struct WantedEntry
    {
        std::vector<std::string> artists; // at least one, none empty
        std::string title;
        std::string album;       // "" when unknown
        int durationMs{0};       // 0 when unknown
        std::string isrc;        // upper-cased, "" when unknown
        std::string spotifyId;   // from spotify:track:<id> / a Spotify ID column, "" otherwise
        int lineNumber{0};       // 1-based line where the row starts, for messages back to the user
    };

    /// Per-field bounds, the same as the API's for a track (http/TextField.hpp): a row over them is a
    /// RowError, so one pasted megabyte cannot become a wanted track that every list page then carries.
    inline constexpr std::size_t kMaxTextChars = 1024; // title, each artist, album
    inline constexpr std::size_t kMaxIsrcChars = 32;
    inline constexpr std::size_t kMaxIdChars = 256;
    inline constexpr std::size_t kMaxArtists = 32;

    struct RowError
    {
        int lineNumber{0};
        std::string message;
    };

    struct ImportReport
    {
        WantedFileFormat format{WantedFileFormat::PlainLines};
        std::vector<WantedEntry> entries; // good rows, in file order
        std::vector<RowError> errors;     // bad rows, in file order; the good rows are still imported
    };

    /// Detects the format (Exportify/generic CSV, M3U/M3U8, plain "Artist - Title" lines) from the file name
    /// extension, falling back to the content, and parses it. A UTF-8 BOM, CRLF/CR line ends and blank lines
    /// are accepted; a row with bytes that are not UTF-8 becomes a RowError naming its line.
    /// A row with a field over the bounds above or with a control character in it (NUL, ESC, …; not tab or
    /// the line break of a quoted CSV field) becomes a RowError too.
    /// Whole-file failures (InvalidArgument): empty content, a CSV header without title/artist columns.
    core::Result<ImportReport> parseWantedFile(std::string_view content, std::string_view filenameHint);
} // namespace soulspot::sources::playlistfile
