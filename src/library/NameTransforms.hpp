#pragma once
// Lidarr's value transforms for naming tokens (reference/tags-and-naming.md §6.2–6.3). Internal to library/.

#include <string>
#include <string_view>

namespace soulspot::library
{
    /// Removes combining marks and folds common precomposed Latin letters to ASCII ("Beyoncé" → "Beyonce").
    std::string stripDiacritics(std::string_view text);

    /// Lidarr "Clean" variant: '&' → "and", lone symbols and brackets removed, diacritics stripped.
    std::string cleanName(std::string_view text);

    /// Lidarr "The" variant: a leading The/An/A moves to the end, before any trailing "(…)" parts.
    std::string theVariant(std::string_view text);

    /// Lidarr's illegal-character replacement with Smart colons, then leading spaces/dots and trailing
    /// spaces trimmed. Applied to every token value before it is placed in a path.
    std::string replaceIllegalInTokenValue(std::string_view text);

    /// First N code points (N > 0) ending in "..." or last N (N < 0) starting with "...", counting the dots.
    std::string truncateCodePoints(std::string_view text, int n);

    /// Collapses runs of spaces and dots and drops trailing "- ._" (Lidarr's per-component clean-up).
    std::string tidyComponent(std::string_view text);
} // namespace soulspot::library
