#pragma once
// A deterministic labelled set of `soulspot match` cases built from templates of real Soulseek naming and of
// the decoys that fool matchers (live, remix, karaoke, covers, previews, truncated files, album neighbours…).

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace soulspot::matching::testing
{
    struct LabelledCase
    {
        std::string description; // song and the kinds of files offered, for failure messages
        std::string jsonLine;    // one input line for runMatchCommand
        std::string profile;     // "" = default profile
        std::set<std::pair<std::string, std::string>> correct; // (username, filename) that are right to choose
    };

    std::vector<LabelledCase> generateLabelledSet(int count, std::uint64_t seed);
} // namespace soulspot::matching::testing
