#pragma once
// Internal to soulspot_playlistfile: line splitting and the text checks every format shares.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soulspot::sources::playlistfile
{
    struct NumberedLine
    {
        int number; // 1-based
        std::string_view text; // without the line terminator
    };

    /// Splits on \n, \r\n and lone \r; the last line may lack a terminator.
    std::vector<NumberedLine> splitLines(std::string_view content);

    /// nullopt when `text` is valid UTF-8, else a message naming the offending byte and its column.
    std::optional<std::string> utf8Problem(std::string_view text);

    std::string_view trimView(std::string_view s);
    std::string trim(std::string_view s);
    std::string toUpperAscii(std::string_view s);
    bool equalsIgnoreCase(std::string_view a, std::string_view b);

    /// "Artist - Title" split on the first " - " (also en/em dash); nullopt without a separator or with an
    /// empty side. Titles keep later dashes ("Song - Remastered 2011").
    struct ArtistTitle
    {
        std::string artist;
        std::string title;
    };
    std::optional<ArtistTitle> splitArtistTitle(std::string_view text);
} // namespace soulspot::sources::playlistfile
