#pragma once
// `soulspot match`: JSON Lines in, one JSON line out per case, in order (see MatchCommand.cpp for the shape).

#include <iosfwd>
#include <string>
#include <string_view>

#include "matching/AlbumScorer.hpp"
#include "matching/CandidateScorer.hpp"

namespace soulspot::matching
{
    /// Reads cases {"track": <Spotify track>, "responses": [<slskd Response>], "profile": "<name>"?} until EOF
    /// and writes {"chosen": …, "candidates": […]} or {"error": "…"} per non-blank line.
    /// Returns 0, or 1 when the input stream fails for a reason other than end of input.
    int runMatchCommand(std::istream& in, std::ostream& out);

    /// One case: the output line (without '\n') for one input line.
    std::string matchJsonLine(std::string_view line, const CandidateScorer& scorer);

    /// `soulspot match --album`: cases {"album": <wanted album>, "responses": [<slskd Response>],
    /// "browsed": [<folder>]?, "options": {"onlyTracks", "allowPartial"}?, "profile": …?} (AlbumMatchJson.hpp);
    /// writes {"chosen": {"username","directory"} | null, "needsBrowse": […], "folders": […]} or {"error": "…"}.
    int runAlbumMatchCommand(std::istream& in, std::ostream& out);
    std::string albumMatchJsonLine(std::string_view line, const AlbumScorer& scorer);
} // namespace soulspot::matching
