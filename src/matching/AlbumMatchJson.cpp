#include "matching/AlbumMatchJson.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "matching/MatchJson.hpp"

namespace soulspot::matching
{
    using nlohmann::json;
    using core::Error;
    using core::fail;

    namespace
    {
        // The brief's camelCase first, then the Spotify spelling.
        const json* field(const json& object, const char* key, const char* spotifyKey = nullptr)
        {
            if (auto it = object.find(key); it != object.end() && !it->is_null())
                return &*it;
            if (spotifyKey != nullptr)
                if (auto it = object.find(spotifyKey); it != object.end() && !it->is_null())
                    return &*it;
            return nullptr;
        }

        std::string text(const json& object, const char* key, const char* spotifyKey = nullptr)
        {
            const json* value = field(object, key, spotifyKey);
            return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
        }

        std::optional<int> number(const json& object, const char* key, const char* spotifyKey = nullptr)
        {
            const json* value = field(object, key, spotifyKey);
            if (value == nullptr || !value->is_number())
                return std::nullopt;
            return static_cast<int>(std::lround(value->get<double>()));
        }

        std::vector<std::string> artistNames(const json& object)
        {
            std::vector<std::string> names;
            const json* artists = field(object, "artists");
            if (artists == nullptr || !artists->is_array())
                return names;
            for (const auto& artist : *artists)
            {
                std::string name = artist.is_string() ? artist.get<std::string>()
                                   : artist.is_object() ? text(artist, "name")
                                                        : std::string();
                if (!name.empty())
                    names.push_back(std::move(name));
            }
            return names;
        }

        template <typename T>
        void putOptional(json& j, const char* key, const std::optional<T>& value)
        {
            j[key] = value ? json(*value) : json(nullptr);
        }
    } // namespace

    core::Result<WantedAlbum> wantedAlbumFromJson(const json& j)
    {
        if (!j.is_object())
            return fail(Error::parse("album must be an object"));
        WantedAlbum album;
        album.title = text(j, "title", "name");
        if (album.title.empty())
            return fail(Error::parse("album has no title"));
        album.artists = artistNames(j);
        if (album.artists.empty())
            return fail(Error::parse("album has no artist names"));
        album.releaseDate = text(j, "releaseDate", "release_date");
        album.primaryType = text(j, "primaryType");
        album.releaseMbid = text(j, "releaseMbid");
        album.releaseGroupMbid = text(j, "releaseGroupMbid");
        album.spotifyAlbumId = text(j, "spotifyAlbumId", "id");
        const json* tracks = field(j, "tracks");
        if (tracks != nullptr && tracks->is_object()) // Spotify pages its tracks
            tracks = field(*tracks, "items");
        if (tracks == nullptr || !tracks->is_array() || tracks->empty())
            return fail(Error::parse("album has no tracks"));
        int maxDisc = 1;
        for (const auto& t : *tracks)
        {
            if (!t.is_object())
                return fail(Error::parse("a track must be an object"));
            WantedAlbumTrack track;
            track.track.title = text(t, "title", "name");
            if (track.track.title.empty())
                return fail(Error::parse("track " + std::to_string(album.tracks.size()) + " has no title"));
            track.track.artists = artistNames(t);
            track.track.album = album.title;
            track.track.releaseDate = album.releaseDate;
            track.track.durationMs = number(t, "durationMs", "duration_ms");
            track.track.trackNumber = number(t, "trackNumber", "track_number");
            track.discNumber = std::max(1, number(t, "discNumber", "disc_number").value_or(1));
            track.track.isrc = text(t, "isrc");
            if (const json* ids = field(t, "external_ids"); track.track.isrc.empty() && ids != nullptr && ids->is_object())
                track.track.isrc = text(*ids, "isrc");
            maxDisc = std::max(maxDisc, track.discNumber);
            album.tracks.push_back(std::move(track));
        }
        album.discCount = std::max(maxDisc, number(j, "discCount").value_or(1));
        return album;
    }

    core::Result<AlbumMatchOptions> albumMatchOptionsFromJson(const json& j)
    {
        AlbumMatchOptions options;
        if (j.is_null())
            return options;
        if (!j.is_object())
            return fail(Error::invalid("options must be an object"));
        if (const json* only = field(j, "onlyTracks"))
        {
            if (!only->is_array())
                return fail(Error::invalid("onlyTracks must be an array of track indices"));
            for (const auto& index : *only)
            {
                if (!index.is_number_integer() || index.get<long long>() < 0)
                    return fail(Error::invalid("onlyTracks must be an array of track indices"));
                options.onlyTracks.push_back(index.get<std::size_t>());
            }
        }
        if (const json* partial = field(j, "allowPartial"))
        {
            if (!partial->is_boolean())
                return fail(Error::invalid("allowPartial must be true or false"));
            options.allowPartial = partial->get<bool>();
        }
        if (const json* confidence = field(j, "acceptConfidence"))
        {
            if (!confidence->is_number() || confidence->get<double>() < 0 || confidence->get<double>() > 1)
                return fail(Error::invalid("acceptConfidence must be a number from 0 to 1"));
            options.acceptConfidence = confidence->get<double>();
        }
        return options;
    }

    core::Result<std::vector<AlbumFolder>> browsedFoldersFromJson(const json& j)
    {
        std::vector<AlbumFolder> folders;
        if (j.is_null())
            return folders;
        if (!j.is_array())
            return fail(Error::parse("browsed must be an array"));
        for (const auto& item : j)
        {
            auto response = searchResponseFromJson(item);
            if (!response)
                return fail(response.error());
            AlbumFolder folder;
            folder.directory = text(item, "directory");
            if (folder.directory.empty())
                return fail(Error::parse("a browsed folder has no directory"));
            while (!folder.directory.empty() && (folder.directory.back() == '\\' || folder.directory.back() == '/'))
                folder.directory.pop_back();
            folder.username = response->username;
            folder.hasFreeUploadSlot = response->hasFreeUploadSlot;
            folder.uploadSpeed = response->uploadSpeed;
            folder.queueLength = response->queueLength;
            folder.browsed = true;
            for (auto& file : response->files)
            {
                if (file.filename.find_first_of("\\/") == std::string::npos)
                    file.filename = folder.directory + "\\" + file.filename;
                folder.files.push_back(std::move(file));
            }
            folders.push_back(std::move(folder));
        }
        return folders;
    }

    json toJson(const ScoredFolder& f)
    {
        json picks = json::array();
        for (const auto& pick : f.picks)
        {
            if (!pick)
            {
                picks.push_back(nullptr);
                continue;
            }
            json p = {{"wantedIndex", pick->wantedIndex}, {"filename", pick->filename}, {"size", pick->size},
                      {"format", pick->format}, {"confidence", std::round(pick->confidence * 1000.0) / 1000.0}};
            putOptional(p, "bitRate", pick->bitRate);
            putOptional(p, "bitDepth", pick->bitDepth);
            putOptional(p, "sampleRate", pick->sampleRate);
            putOptional(p, "length", pick->length);
            picks.push_back(std::move(p));
        }
        return json{{"username", f.username},
                    {"directory", f.directory},
                    {"accepted", f.accepted},
                    {"score", f.score},
                    {"reasons", f.reasons},
                    {"needsBrowse", f.needsBrowse},
                    {"audioFiles", f.audioFiles},
                    {"matchedTracks", f.matchedTracks},
                    {"missingTracks", f.missingTracks},
                    {"format", f.format},
                    {"mixedFormats", f.mixedFormats},
                    {"qualityTier", f.qualityTier},
                    {"confidence", std::round(f.confidence * 1000.0) / 1000.0},
                    {"hasFreeUploadSlot", f.hasFreeUploadSlot},
                    {"uploadSpeed", f.uploadSpeed},
                    {"queueLength", f.queueLength},
                    {"picks", std::move(picks)}};
    }

    json toJson(const AlbumMatchResult& result)
    {
        json j = json::object();
        if (result.chosen)
        {
            const auto& chosen = result.folders.at(*result.chosen);
            j["chosen"] = {{"username", chosen.username}, {"directory", chosen.directory}};
        }
        else
            j["chosen"] = nullptr;
        json browse = json::array();
        json folders = json::array();
        for (const auto& f : result.folders)
        {
            if (f.needsBrowse)
                browse.push_back({{"username", f.username}, {"directory", f.directory}});
            folders.push_back(toJson(f));
        }
        j["needsBrowse"] = std::move(browse);
        j["folders"] = std::move(folders);
        return j;
    }
} // namespace soulspot::matching
