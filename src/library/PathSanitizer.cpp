#include "library/PathSanitizer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace soulspot::library
{
    namespace
    {
        // Length of the valid UTF-8 sequence starting at text[i], or 0 when the bytes there are invalid.
        std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
        {
            const auto b0 = static_cast<unsigned char>(text[i]);
            std::size_t len = 0;
            std::uint32_t cp = 0;
            if (b0 < 0x80)
                return 1;
            if (b0 >= 0xC2 && b0 <= 0xDF)
                len = 2, cp = b0 & 0x1F;
            else if (b0 >= 0xE0 && b0 <= 0xEF)
                len = 3, cp = b0 & 0x0F;
            else if (b0 >= 0xF0 && b0 <= 0xF4)
                len = 4, cp = b0 & 0x07;
            else
                return 0;
            if (i + len > text.size())
                return 0;
            for (std::size_t k = 1; k < len; ++k)
            {
                const auto b = static_cast<unsigned char>(text[i + k]);
                if ((b & 0xC0) != 0x80)
                    return 0;
                cp = (cp << 6) | (b & 0x3F);
            }
            // Overlong forms, surrogates and values past U+10FFFF are invalid even when well-shaped.
            if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                (cp >= 0xD800 && cp <= 0xDFFF))
                return 0;
            return len;
        }

        std::uint32_t decode(std::string_view seq)
        {
            const auto b0 = static_cast<unsigned char>(seq[0]);
            if (seq.size() == 1)
                return b0;
            std::uint32_t cp = b0 & (seq.size() == 2 ? 0x1F : seq.size() == 3 ? 0x0F : 0x07);
            for (std::size_t k = 1; k < seq.size(); ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(seq[k]) & 0x3F);
            return cp;
        }

        // Code points that look like separators: a later NFKC pass or a Windows client could turn them into one.
        bool isSlashLookalike(std::uint32_t cp)
        {
            return cp == 0x2215 || cp == 0x2044 || cp == 0xFF0F || cp == 0x29F8 || cp == 0xFF3C || cp == 0x2216 ||
                   cp == 0x29F9 || cp == 0xFE68;
        }

        // Invisible and direction-changing characters let a name pretend to have another extension.
        bool isInvisibleOrBidi(std::uint32_t cp)
        {
            return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                   (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
        }

        std::string replaceIllegalCharacters(std::string_view text)
        {
            std::string out;
            out.reserve(text.size());
            for (std::size_t i = 0; i < text.size();)
            {
                const std::size_t len = utf8SequenceLength(text, i);
                const std::string_view seq = text.substr(i, len);
                i += len;
                const std::uint32_t cp = decode(seq);
                if (len > 1)
                {
                    if (isSlashLookalike(cp))
                        out += '+';
                    else if (!isInvisibleOrBidi(cp))
                        out += seq;
                    continue;
                }
                const char c = seq[0];
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                    continue;
                switch (c)
                {
                case '/':
                case '\\': out += '+'; break;
                case '?': out += '!'; break;
                case '*': out += '-'; break;
                case ':': out += '-'; break;
                case '<':
                case '>':
                case '|':
                case '"': break;
                default: out += c;
                }
            }
            return out;
        }

        void trimDotsAndSpaces(std::string& s)
        {
            const auto first = s.find_first_not_of(". ");
            if (first == std::string::npos)
            {
                s.clear();
                return;
            }
            s.erase(0, first);
            s.erase(s.find_last_not_of(". ") + 1);
        }

        bool isReservedDeviceName(std::string_view base)
        {
            static constexpr std::array<std::string_view, 4> kPlain{"CON", "PRN", "AUX", "NUL"};
            std::string upper(base);
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            // Windows ignores trailing spaces before the dot: "CON .txt" is still the console.
            upper.erase(upper.find_last_not_of(' ') + 1);
            if (std::find(kPlain.begin(), kPlain.end(), upper) != kPlain.end())
                return true;
            return upper.size() == 4 && (upper.starts_with("COM") || upper.starts_with("LPT")) && upper[3] >= '1' &&
                   upper[3] <= '9';
        }

        void neutraliseReservedName(std::string& s)
        {
            const auto dot = s.find('.');
            const std::string_view base = std::string_view(s).substr(0, dot);
            if (isReservedDeviceName(base))
                s.insert(base.size(), "_");
        }
    } // namespace

    std::string repairUtf8(std::string_view text)
    {
        std::string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size();)
        {
            const std::size_t len = utf8SequenceLength(text, i);
            if (len == 0)
            {
                out += '_';
                ++i;
                continue;
            }
            out.append(text.substr(i, len));
            i += len;
        }
        return out;
    }

    std::string truncateUtf8(std::string_view text, std::size_t maxBytes)
    {
        if (text.size() <= maxBytes)
            return std::string(text);
        std::size_t cut = maxBytes;
        // Step back over continuation bytes so the cut lands on the start of a sequence.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        return std::string(text.substr(0, cut));
    }

    std::string sanitizePathComponent(std::string_view name, std::size_t maxBytes)
    {
        std::string s = replaceIllegalCharacters(repairUtf8(name));
        trimDotsAndSpaces(s);
        s = truncateUtf8(s, maxBytes);
        trimDotsAndSpaces(s); // truncation can expose a trailing dot or space
        // After truncation, which can turn "NUL", 300 spaces, "x" into "NUL"; the '_' may need the last byte.
        neutraliseReservedName(s);
        if (s.size() > maxBytes)
        {
            s = truncateUtf8(s, maxBytes);
            trimDotsAndSpaces(s);
        }
        const auto dot = s.find('.');
        if (s.empty() || isReservedDeviceName(std::string_view(s).substr(0, dot))) // only with maxBytes < 5
            return std::string("_");
        return s;
    }

    std::string sanitizeFileName(std::string_view stem, std::string_view extension)
    {
        std::string ext = replaceIllegalCharacters(repairUtf8(extension));
        ext.erase(std::remove(ext.begin(), ext.end(), ' '), ext.end());
        if (!ext.empty() && ext.front() != '.')
            ext.insert(ext.begin(), '.');
        ext = truncateUtf8(ext, 16); // an extension is short; a long one is an attack, not a format
        // Windows and SMB drop trailing dots, so "x.." or a ".." extension would name another file there.
        ext.erase(ext.find_last_not_of('.') + 1);
        std::string base = sanitizePathComponent(stem, kMaxComponentBytes - ext.size());
        return base + ext;
    }

    std::string_view peerFileName(std::string_view soulseekPath)
    {
        const auto pos = soulseekPath.find_last_of("/\\");
        return pos == std::string_view::npos ? soulseekPath : soulseekPath.substr(pos + 1);
    }

    bool isWithin(const std::filesystem::path& root, const std::filesystem::path& candidate)
    {
        const auto contains = [](const std::filesystem::path& base, const std::filesystem::path& p) {
            auto b = base.begin();
            auto c = p.begin();
            for (; b != base.end(); ++b, ++c)
            {
                if (b->empty()) // trailing separator of the base
                    continue;
                if (c == p.end() || *b != *c)
                    return false;
            }
            return true;
        };
        const auto lexRoot = std::filesystem::absolute(root).lexically_normal();
        const auto lexCandidate = std::filesystem::absolute(candidate).lexically_normal();
        if (!contains(lexRoot, lexCandidate))
            return false;
        std::error_code ec;
        const auto realRoot = std::filesystem::weakly_canonical(root, ec);
        if (ec)
            return false;
        const auto realCandidate = std::filesystem::weakly_canonical(candidate, ec);
        return !ec && contains(realRoot, realCandidate);
    }

    core::Result<std::filesystem::path> safeJoin(const std::filesystem::path& root, std::string_view relative)
    {
        if (root.empty())
            return core::fail(core::Error::invalid("library root is empty"));
        std::filesystem::path joined = root;
        bool any = false;
        std::size_t start = 0;
        while (start <= relative.size())
        {
            auto end = relative.find('/', start);
            if (end == std::string_view::npos)
                end = relative.size();
            const auto part = relative.substr(start, end - start);
            start = end + 1;
            // Empty and "." parts come from "a//b", "./a" or a leading '/': dropping them is what keeps an
            // absolute path relative; ".." is sanitised into "_" like any other dotted name.
            if (part.empty() || part == ".")
                continue;
            joined /= sanitizePathComponent(part);
            any = true;
        }
        if (!any)
            return core::fail(core::Error::invalid("relative path has no usable component"));
        if (joined.native().size() > kMaxPathBytes)
            return core::fail(core::Error::invalid("path longer than PATH_MAX (4096 bytes)"));
        if (!isWithin(root, joined))
            return core::fail(core::Error::invalid("path resolves outside the library root: " + joined.string()));
        return joined;
    }
} // namespace soulspot::library
