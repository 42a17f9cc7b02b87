#pragma once
// `soulspot match`: JSON Lines in, one JSON line out per case, in order (see MatchCommand.cpp for the shape).

#include <iosfwd>
#include <string>
#include <string_view>

#include "matching/CandidateScorer.hpp"

namespace soulspot::matching
{
    /// Reads cases {"track": <Spotify track>, "responses": [<slskd Response>], "profile": "<name>"?} until EOF
    /// and writes {"chosen": …, "candidates": […]} or {"error": "…"} per non-blank line.
    /// Returns 0, or 1 when the input stream fails for a reason other than end of input.
    int runMatchCommand(std::istream& in, std::ostream& out);

    /// One case: the output line (without '\n') for one input line.
    std::string matchJsonLine(std::string_view line, const CandidateScorer& scorer);
} // namespace soulspot::matching
