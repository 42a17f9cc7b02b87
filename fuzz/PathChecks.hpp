#pragma once
// Invariants of a path built from untrusted names, shared by the naming-template and remote-path targets.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>

#include "FuzzCheck.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::fuzz
{
    inline bool isValidUtf8(std::string_view s) { return library::repairUtf8(s) == s; }

    /// Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9), before the first dot, trailing spaces ignored.
    inline bool isReservedDeviceName(std::string_view component)
    {
        std::string base(component.substr(0, component.find('.')));
        base.erase(base.find_last_not_of(' ') + 1);
        std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return std::toupper(c); });
        if (base == "CON" || base == "PRN" || base == "AUX" || base == "NUL")
            return true;
        return base.size() == 4 && (base.starts_with("COM") || base.starts_with("LPT")) && base[3] >= '1' &&
               base[3] <= '9';
    }

    /// What sanitizePathComponent promises (PathSanitizer.hpp).
    inline void checkComponent(std::string_view c, std::size_t maxBytes = library::kMaxComponentBytes)
    {
        FUZZ_CHECK(!c.empty(), "a component is never empty");
        FUZZ_CHECK(c != "." && c != "..", "a component is never . or ..");
        FUZZ_CHECK(c.size() <= maxBytes, "a component fits the byte cap");
        FUZZ_CHECK(c.find_first_of("/\\") == std::string_view::npos, "a component holds no separator");
        FUZZ_CHECK(c.find_first_of("<>:\"|?*") == std::string_view::npos, "no Windows-illegal character");
        FUZZ_CHECK(std::none_of(c.begin(), c.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; }),
                   "no control character");
        FUZZ_CHECK(c.front() != '.', "no leading dot");
        FUZZ_CHECK(c.back() != '.' && c.back() != ' ', "no trailing dot or space");
        FUZZ_CHECK(!isReservedDeviceName(c), "no Windows device name");
        FUZZ_CHECK(isValidUtf8(c), "valid UTF-8");
    }

    /// A '/'-separated relative path made only of safe components.
    inline void checkRelativePath(std::string_view path)
    {
        FUZZ_CHECK(!path.empty(), "a rendered path is not empty");
        FUZZ_CHECK(path.front() != '/', "a rendered path is relative");
        std::size_t start = 0;
        while (true)
        {
            const auto slash = path.find('/', start);
            checkComponent(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
            if (slash == std::string_view::npos)
                break;
            start = slash + 1;
        }
    }

    /// safeJoin's result lies lexically under root and has no "." or ".." parts.
    inline void checkJoined(const std::filesystem::path& root, const std::filesystem::path& joined)
    {
        FUZZ_CHECK(joined.native().size() <= library::kMaxPathBytes, "joined path fits PATH_MAX");
        auto r = root.begin();
        auto j = joined.begin();
        for (; r != root.end(); ++r, ++j)
            FUZZ_CHECK(j != joined.end() && *r == *j, "joined path starts with the root");
        for (; j != joined.end(); ++j)
        {
            FUZZ_CHECK(*j != "." && *j != "..", "no dot components below the root");
            checkComponent(j->native());
        }
    }
} // namespace soulspot::fuzz
