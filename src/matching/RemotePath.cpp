#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    namespace
    {
        bool isShareRootOrDrive(std::string_view component, bool first)
        {
            if (component.size() == 2 && component[1] == ':')
                return true;
            return first && component.size() >= 2 && component[0] == '@' && component[1] == '@';
        }

        std::size_t extensionDot(std::string_view basename)
        {
            const auto dot = basename.rfind('.');
            if (dot == std::string_view::npos || dot == 0 || basename.size() - dot - 1 > 5 ||
                basename.size() - dot - 1 == 0)
                return std::string_view::npos;
            for (std::size_t i = dot + 1; i < basename.size(); ++i)
            {
                const char c = basename[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                    return std::string_view::npos;
            }
            return dot;
        }
    } // namespace

    std::string extensionOf(std::string_view filename)
    {
        const auto slash = filename.find_last_of("\\/");
        const auto basename = slash == std::string_view::npos ? filename : filename.substr(slash + 1);
        const auto dot = extensionDot(basename);
        if (dot == std::string_view::npos)
            return {};
        std::string ext(basename.substr(dot + 1));
        for (auto& c : ext)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return ext;
    }

    RemotePath parseRemotePath(std::string_view filename)
    {
        RemotePath path;
        path.tokens.reserve(24);
        std::uint16_t group = 0;
        std::uint8_t component = 0;
        std::size_t start = 0;
        bool first = true;
        while (true)
        {
            const auto end = filename.find_first_of("\\/", start);
            if (end == std::string_view::npos)
                break;
            const auto folder = filename.substr(start, end - start);
            if (!folder.empty() && !isShareRootOrDrive(folder, first))
            {
                group = tokenizeInto(folder, path.tokens, {}, component, group);
                if (component < 250)
                    ++component;
            }
            first = false;
            start = end + 1;
        }
        auto basename = filename.substr(start);
        const auto dot = extensionDot(basename);
        if (dot != std::string_view::npos)
        {
            path.extension = extensionOf(basename);
            basename = basename.substr(0, dot);
        }
        path.basenameBegin = path.tokens.size();
        tokenizeInto(basename, path.tokens, {}, component, group);
        return path;
    }
} // namespace soulspot::matching
