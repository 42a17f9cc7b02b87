#include "sources/slskd/BrowseReply.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <nlohmann/json.hpp>

namespace soulspot::sources::slskd
{
    namespace
    {
        using nlohmann::json;

        std::string str(const json& j, const char* key)
        {
            const auto it = j.find(key);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
        }

        std::optional<int> optInt(const json& j, const char* key)
        {
            const auto it = j.find(key);
            if (it == j.end() || !it->is_number())
                return std::nullopt;
            return it->get<int>();
        }

        std::string withoutTrailingSeparators(std::string path)
        {
            while (!path.empty() && (path.back() == '\\' || path.back() == '/'))
                path.pop_back();
            return path;
        }

        bool equalsIgnoringCase(std::string_view a, std::string_view b)
        {
            return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                       return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
                   });
        }

        bool hasControlCharacters(std::string_view s)
        {
            return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
        }

        /// The directory, or under it, with no "." / ".." / empty segment below `requested`.
        bool isInside(std::string_view name, std::string_view requested)
        {
            if (name.size() < requested.size() || !equalsIgnoringCase(name.substr(0, requested.size()), requested))
                return false;
            if (name.size() == requested.size())
                return true;
            if (name[requested.size()] != '\\')
                return false; // "Album2" is not under "Album"
            std::string_view rest = name.substr(requested.size() + 1);
            while (true)
            {
                const auto sep = rest.find('\\');
                const auto segment = rest.substr(0, sep);
                if (segment.empty() || segment == "." || segment == ".." || segment.find('/') != std::string_view::npos)
                    return false;
                if (sep == std::string_view::npos)
                    return true;
                rest.remove_prefix(sep + 1);
            }
        }

        bool isSafeBasename(std::string_view name, std::size_t maxBytes)
        {
            return !name.empty() && name.size() <= maxBytes && name != "." && name != ".." &&
                   name.find_first_of("\\/") == std::string_view::npos && !hasControlCharacters(name);
        }

        std::string extensionOf(std::string_view basename)
        {
            const auto dot = basename.rfind('.');
            if (dot == std::string_view::npos || dot + 1 == basename.size())
                return {};
            std::string ext(basename.substr(dot + 1));
            std::transform(ext.begin(), ext.end(), ext.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return ext;
        }

        /// Soulseek.NET's FileAttributeType, sent as a string by slskd's enum converter (or a number).
        void applyAttributes(const json& file, SearchFileDto& f)
        {
            const auto attrs = file.find("attributes");
            if (attrs == file.end() || !attrs->is_array())
                return;
            for (const auto& a : *attrs)
            {
                if (!a.is_object() || !a.contains("value") || !a["value"].is_number())
                    continue;
                const int value = a["value"].get<int>();
                std::string type = a.contains("type") && a["type"].is_string() ? a["type"].get<std::string>() : "";
                if (a.contains("type") && a["type"].is_number())
                    switch (a["type"].get<int>())
                    {
                    case 0: type = "BitRate"; break;
                    case 1: type = "Length"; break;
                    case 2: type = "VariableBitRate"; break;
                    case 4: type = "SampleRate"; break;
                    case 5: type = "BitDepth"; break;
                    default: break;
                    }
                if (type == "BitRate" && !f.bitRate)
                    f.bitRate = value;
                else if (type == "Length" && !f.length)
                    f.length = value;
                else if (type == "VariableBitRate" && !f.isVariableBitRate)
                    f.isVariableBitRate = value != 0;
                else if (type == "SampleRate" && !f.sampleRate)
                    f.sampleRate = value;
                else if (type == "BitDepth" && !f.bitDepth)
                    f.bitDepth = value;
            }
        }

        SearchFileDto toFile(const json& j, const std::string& directory, const std::string& basename)
        {
            SearchFileDto f;
            f.filename = directory + "\\" + basename;
            if (const auto it = j.find("size"); it != j.end() && it->is_number())
                f.size = it->get<std::int64_t>();
            f.extension = str(j, "extension");
            if (f.extension.empty())
                f.extension = extensionOf(basename);
            f.bitRate = optInt(j, "bitRate");
            f.bitDepth = optInt(j, "bitDepth");
            f.sampleRate = optInt(j, "sampleRate");
            f.length = optInt(j, "length");
            if (const auto it = j.find("isVariableBitRate"); it != j.end() && it->is_boolean())
                f.isVariableBitRate = it->get<bool>();
            applyAttributes(j, f);
            return f;
        }
    } // namespace

    core::Result<std::vector<BrowsedDirectory>> parseBrowseReply(std::string_view body, const std::string& requested,
                                                                 const BrowseLimits& limits)
    {
        if (body.size() > limits.maxBodyBytes)
            return core::fail(core::Error::parse("slskd browse: answer of " + std::to_string(body.size()) +
                                                 " bytes is over the limit"));
        const json parsed = json::parse(body, nullptr, false);
        if (parsed.is_discarded() || !(parsed.is_array() || parsed.is_object()))
            return core::fail(core::Error::parse("slskd browse: answer is neither an array nor an object"));
        const json list = parsed.is_array() ? parsed : json::array({parsed}); // ≤0.22.2 sent one object
        const std::string base = withoutTrailingSeparators(requested);

        std::vector<BrowsedDirectory> out;
        std::size_t totalFiles = 0;
        for (const auto& entry : list)
        {
            if (!entry.is_object())
                continue;
            if (out.size() >= limits.maxDirectories)
                break;
            std::string name = withoutTrailingSeparators(str(entry, "name"));
            if (name.empty())
                name = base;
            if (name.size() > limits.maxNameBytes || hasControlCharacters(name) || !isInside(name, base))
                continue; // not what we asked for: never let a peer point us elsewhere
            BrowsedDirectory dir{name, {}, 0};
            if (const auto files = entry.find("files"); files != entry.end() && files->is_array())
                for (const auto& file : *files)
                {
                    const std::string basename = file.is_object() ? str(file, "filename") : std::string{};
                    if (totalFiles >= limits.maxFiles || !isSafeBasename(basename, limits.maxNameBytes))
                    {
                        ++dir.skippedFiles;
                        continue;
                    }
                    dir.files.push_back(toFile(file, name, basename));
                    ++totalFiles;
                }
            out.push_back(std::move(dir));
        }
        return out;
    }
} // namespace soulspot::sources::slskd
