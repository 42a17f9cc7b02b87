#include "matching/MatchCommand.hpp"

#include <istream>
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "matching/AlbumMatchJson.hpp"
#include "matching/MatchJson.hpp"

namespace soulspot::matching
{
    using nlohmann::json;

    namespace
    {
        std::string errorLine(const std::string& message) { return json{{"error", message}}.dump(); }

        core::Result<QualityProfile> profileFor(const json& value)
        {
            if (value.is_null())
                return defaultProfile();
            if (value.is_object())
                return qualityProfileFromJson(value);
            if (!value.is_string())
                return core::fail(core::Error::invalid("profile must be a name or an object"));
            const auto name = value.get<std::string>();
            if (name.empty())
                return defaultProfile();
            if (auto builtin = findBuiltinProfile(name))
                return *builtin;
            return core::fail(core::Error::invalid("unknown profile \"" + name + "\""));
        }

        bool isBlank(std::string_view line)
        {
            return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
        }
    } // namespace

    std::string matchJsonLine(std::string_view line, const CandidateScorer& scorer)
    {
        const json input = json::parse(line.begin(), line.end(), nullptr, false);
        if (input.is_discarded())
            return errorLine("invalid JSON");
        if (!input.is_object())
            return errorLine("a case must be a JSON object");
        const auto track = input.find("track");
        if (track == input.end())
            return errorLine("missing \"track\"");
        auto wanted = wantedTrackFromSpotifyJson(*track);
        if (!wanted)
            return errorLine("track: " + wanted.error().message);
        std::vector<SearchResponse> responses;
        if (const auto it = input.find("responses"); it != input.end() && !it->is_null())
        {
            auto parsed = searchResponsesFromJson(*it);
            if (!parsed)
                return errorLine("responses: " + parsed.error().message);
            responses = std::move(*parsed);
        }
        const auto profileIt = input.find("profile");
        auto profile = profileFor(profileIt == input.end() ? json(nullptr) : *profileIt);
        if (!profile)
            return errorLine("profile: " + profile.error().message);
        return toJson(scorer.score(*wanted, responses, *profile)).dump(-1, ' ', false,
                                                                        json::error_handler_t::replace);
    }

    std::string albumMatchJsonLine(std::string_view line, const AlbumScorer& scorer)
    {
        const json input = json::parse(line.begin(), line.end(), nullptr, false);
        if (input.is_discarded())
            return errorLine("invalid JSON");
        if (!input.is_object())
            return errorLine("a case must be a JSON object");
        const auto albumIt = input.find("album");
        if (albumIt == input.end())
            return errorLine("missing \"album\"");
        auto wanted = wantedAlbumFromJson(*albumIt);
        if (!wanted)
            return errorLine("album: " + wanted.error().message);
        std::vector<SearchResponse> responses;
        if (const auto it = input.find("responses"); it != input.end() && !it->is_null())
        {
            auto parsed = searchResponsesFromJson(*it);
            if (!parsed)
                return errorLine("responses: " + parsed.error().message);
            responses = std::move(*parsed);
        }
        auto folders = groupIntoFolders(responses);
        if (const auto it = input.find("browsed"); it != input.end())
        {
            auto browsed = browsedFoldersFromJson(*it);
            if (!browsed)
                return errorLine("browsed: " + browsed.error().message);
            // A browse shows the whole folder: it replaces what the search showed of it.
            for (auto& b : *browsed)
            {
                std::erase_if(folders, [&](const AlbumFolder& f) {
                    return f.username == b.username && f.directory == b.directory;
                });
                folders.push_back(std::move(b));
            }
        }
        const auto optionsIt = input.find("options");
        auto options = albumMatchOptionsFromJson(optionsIt == input.end() ? json(nullptr) : *optionsIt);
        if (!options)
            return errorLine("options: " + options.error().message);
        const auto profileIt = input.find("profile");
        auto profile = profileFor(profileIt == input.end() ? json(nullptr) : *profileIt);
        if (!profile)
            return errorLine("profile: " + profile.error().message);
        return toJson(scorer.score(*wanted, folders, *profile, *options))
            .dump(-1, ' ', false, json::error_handler_t::replace);
    }

    namespace
    {
        template <typename LineFn>
        int runLines(std::istream& in, std::ostream& out, LineFn&& lineFn)
        {
            std::string line;
            while (std::getline(in, line))
            {
                if (isBlank(line))
                    continue;
                out << lineFn(line) << '\n';
                out.flush();
            }
            return in.bad() ? 1 : 0;
        }
    } // namespace

    int runMatchCommand(std::istream& in, std::ostream& out)
    {
        const CandidateScorer scorer;
        return runLines(in, out, [&](const std::string& line) { return matchJsonLine(line, scorer); });
    }

    int runAlbumMatchCommand(std::istream& in, std::ostream& out)
    {
        const AlbumScorer scorer;
        return runLines(in, out, [&](const std::string& line) { return albumMatchJsonLine(line, scorer); });
    }
} // namespace soulspot::matching
