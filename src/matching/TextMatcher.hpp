#pragma once
// Decides from the words of a remote path alone whether a file is the wanted recording: title in the file
// name with nothing unexplained around it, artist in the file name or a folder, no version the wanted title
// does not ask for.

#include <string>
#include <vector>

#include "matching/PreparedWanted.hpp"
#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    struct TextVerdict
    {
        bool titleInFileName{false};
        std::vector<std::string> rejections; // empty when the words are consistent with the wanted track
        double penalty{0};                   // confidence lost to unexplained words outside the title's segment
        std::string strayWords;              // those words, for reasons
        int artistIndex{-1}; // which wanted artist was found, -1 = none (not a rejection here: the caller decides)
        bool artistInFileName{false};
        bool artistWholeName{false}; // fills its segment ("Prince - …"), not part of another name ("Prince Buster")
        bool albumFound{false};
        bool trackNumberMatches{false};
        bool isrcFound{false};
        VersionSet versions{0}; // versions the path names outside the wanted words
    };

    /// `excludedWords` are already normalised (profile's extra words).
    TextVerdict matchText(const PreparedWanted& wanted, const RemotePath& path,
                          const std::vector<std::string>& excludedWords);
} // namespace soulspot::matching
