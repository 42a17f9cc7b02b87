#include "matching/MatchJson.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    using nlohmann::json;
    using core::Error;
    using core::fail;

    namespace
    {
        // slskd omits unknown attributes; some producers send null or a float instead.
        std::optional<int> optionalInt(const json& object, const char* key)
        {
            const auto it = object.find(key);
            if (it == object.end() || !it->is_number())
                return std::nullopt;
            return static_cast<int>(std::lround(it->get<double>()));
        }

        std::int64_t int64Or(const json& object, const char* key, std::int64_t fallback)
        {
            const auto it = object.find(key);
            if (it == object.end() || !it->is_number())
                return fallback;
            return static_cast<std::int64_t>(std::llround(it->get<double>()));
        }

        std::string stringOr(const json& object, const char* key, std::string fallback = {})
        {
            const auto it = object.find(key);
            return (it != object.end() && it->is_string()) ? it->get<std::string>() : std::move(fallback);
        }

        core::Result<SearchFile> fileFromJson(const json& j, bool locked)
        {
            if (!j.is_object())
                return fail(Error::parse("a file must be an object"));
            SearchFile file;
            file.filename = stringOr(j, "filename");
            if (file.filename.empty())
                return fail(Error::parse("a file has no filename"));
            file.size = int64Or(j, "size", 0);
            file.bitRate = optionalInt(j, "bitRate");
            file.bitDepth = optionalInt(j, "bitDepth");
            file.sampleRate = optionalInt(j, "sampleRate");
            file.length = optionalInt(j, "length");
            if (const auto it = j.find("isVariableBitRate"); it != j.end() && it->is_boolean())
                file.isVariableBitRate = it->get<bool>();
            file.extension = stringOr(j, "extension");
            if (!file.extension.empty() && file.extension.front() == '.')
                file.extension.erase(0, 1);
            for (auto& c : file.extension)
                if (c >= 'A' && c <= 'Z')
                    c = static_cast<char>(c - 'A' + 'a');
            if (file.extension.empty())
                file.extension = extensionOf(file.filename);
            file.locked = locked || (j.contains("isLocked") && j["isLocked"].is_boolean() && j["isLocked"].get<bool>());
            return file;
        }

        template <typename T>
        void putOptional(json& j, const char* key, const std::optional<T>& value)
        {
            j[key] = value ? json(*value) : json(nullptr);
        }

        template <typename T>
        void readOptional(const json& j, const char* key, std::optional<T>& out)
        {
            if (const auto it = j.find(key); it != j.end())
                out = it->is_number() ? std::optional<T>(it->get<T>()) : std::nullopt;
        }
    } // namespace

    core::Result<WantedTrack> wantedTrackFromSpotifyJson(const json& input)
    {
        const json* track = &input;
        if (track->is_object() && track->contains("track") && (*track)["track"].is_object())
            track = &(*track)["track"];
        if (!track->is_object())
            return fail(Error::parse("track must be an object"));
        WantedTrack wanted;
        wanted.title = stringOr(*track, "name");
        if (wanted.title.empty())
            return fail(Error::parse("track has no name"));
        if (const auto it = track->find("artists"); it != track->end() && it->is_array())
        {
            for (const auto& artist : *it)
            {
                std::string name = artist.is_string() ? artist.get<std::string>() : artist.is_object() ? stringOr(artist, "name") : std::string();
                if (!name.empty())
                    wanted.artists.push_back(std::move(name));
            }
        }
        if (wanted.artists.empty())
            return fail(Error::parse("track has no artist names"));
        if (const auto it = track->find("album"); it != track->end() && it->is_object())
        {
            wanted.album = stringOr(*it, "name");
            wanted.releaseDate = stringOr(*it, "release_date");
        }
        wanted.durationMs = optionalInt(*track, "duration_ms");
        wanted.trackNumber = optionalInt(*track, "track_number");
        if (const auto it = track->find("external_ids"); it != track->end() && it->is_object())
            wanted.isrc = stringOr(*it, "isrc");
        return wanted;
    }

    core::Result<SearchResponse> searchResponseFromJson(const json& j)
    {
        if (!j.is_object())
            return fail(Error::parse("a response must be an object"));
        SearchResponse response;
        response.username = stringOr(j, "username");
        if (response.username.empty())
            return fail(Error::parse("a response has no username"));
        if (const auto it = j.find("hasFreeUploadSlot"); it != j.end() && it->is_boolean())
            response.hasFreeUploadSlot = it->get<bool>();
        response.uploadSpeed = int64Or(j, "uploadSpeed", 0);
        response.queueLength = int64Or(j, "queueLength", 0);
        for (const auto& [key, locked] : {std::pair{"files", false}, std::pair{"lockedFiles", true}})
        {
            const auto it = j.find(key);
            if (it == j.end() || it->is_null())
                continue;
            if (!it->is_array())
                return fail(Error::parse(std::string(key) + " must be an array"));
            auto& target = locked ? response.lockedFiles : response.files;
            for (const auto& f : *it)
            {
                auto file = fileFromJson(f, locked);
                if (!file)
                    return fail(file.error());
                target.push_back(std::move(*file));
            }
        }
        return response;
    }

    core::Result<std::vector<SearchResponse>> searchResponsesFromJson(const json& j)
    {
        if (!j.is_array())
            return fail(Error::parse("responses must be an array"));
        std::vector<SearchResponse> responses;
        responses.reserve(j.size());
        for (const auto& item : j)
        {
            auto response = searchResponseFromJson(item);
            if (!response)
                return fail(response.error());
            responses.push_back(std::move(*response));
        }
        return responses;
    }

    json toJson(const ScoredCandidate& c)
    {
        json j = {{"username", c.username}, {"filename", c.filename}, {"score", c.score},
                  {"accepted", c.accepted}, {"reasons", c.reasons}};
        j["confidence"] = std::round(c.confidence * 1000.0) / 1000.0;
        j["format"] = c.format;
        j["qualityTier"] = c.qualityTier;
        j["size"] = c.size;
        putOptional(j, "bitRate", c.bitRate);
        putOptional(j, "bitDepth", c.bitDepth);
        putOptional(j, "sampleRate", c.sampleRate);
        putOptional(j, "length", c.length);
        j["locked"] = c.locked;
        j["hasFreeUploadSlot"] = c.hasFreeUploadSlot;
        j["uploadSpeed"] = c.uploadSpeed;
        j["queueLength"] = c.queueLength;
        return j;
    }

    json toJson(const MatchResult& result)
    {
        json j = json::object();
        if (result.chosen)
        {
            const auto& chosen = result.candidates.at(*result.chosen);
            j["chosen"] = {{"username", chosen.username}, {"filename", chosen.filename}};
        }
        else
            j["chosen"] = nullptr;
        json candidates = json::array();
        for (const auto& c : result.candidates)
            candidates.push_back(toJson(c));
        j["candidates"] = std::move(candidates);
        return j;
    }

    json toJson(const QualityProfile& p)
    {
        json j = {{"id", p.id},
                  {"name", p.name},
                  {"description", p.description},
                  {"formats", p.formats},
                  {"allowLossy", p.allowLossy},
                  {"preferLossless", p.preferLossless},
                  {"lossyTiersKbps", p.lossyTiersKbps},
                  {"lengthToleranceSec", p.lengthToleranceSec},
                  {"excludedWords", p.excludedWords}};
        putOptional(j, "minBitrateKbps", p.minBitrateKbps);
        putOptional(j, "maxBitrateKbps", p.maxBitrateKbps);
        putOptional(j, "minSizeBytes", p.minSizeBytes);
        putOptional(j, "maxSizeBytes", p.maxSizeBytes);
        putOptional(j, "minSampleRate", p.minSampleRate);
        putOptional(j, "maxSampleRate", p.maxSampleRate);
        putOptional(j, "minBitDepth", p.minBitDepth);
        putOptional(j, "maxBitDepth", p.maxBitDepth);
        return j;
    }

    core::Result<QualityProfile> qualityProfileFromJson(const json& j)
    {
        if (!j.is_object())
            return fail(Error::invalid("a quality profile must be an object"));
        QualityProfile p;
        try
        {
            p.id = stringOr(j, "id");
            p.name = stringOr(j, "name", p.id);
            p.description = stringOr(j, "description");
            if (j.contains("formats"))
                p.formats = j.at("formats").get<std::vector<std::string>>();
            if (j.contains("allowLossy"))
                p.allowLossy = j.at("allowLossy").get<bool>();
            if (j.contains("preferLossless"))
                p.preferLossless = j.at("preferLossless").get<bool>();
            if (j.contains("lossyTiersKbps"))
                p.lossyTiersKbps = j.at("lossyTiersKbps").get<std::vector<int>>();
            if (j.contains("lengthToleranceSec"))
                p.lengthToleranceSec = j.at("lengthToleranceSec").get<int>();
            if (j.contains("excludedWords"))
                p.excludedWords = j.at("excludedWords").get<std::vector<std::string>>();
            readOptional(j, "minBitrateKbps", p.minBitrateKbps);
            readOptional(j, "maxBitrateKbps", p.maxBitrateKbps);
            readOptional(j, "minSizeBytes", p.minSizeBytes);
            readOptional(j, "maxSizeBytes", p.maxSizeBytes);
            readOptional(j, "minSampleRate", p.minSampleRate);
            readOptional(j, "maxSampleRate", p.maxSampleRate);
            readOptional(j, "minBitDepth", p.minBitDepth);
            readOptional(j, "maxBitDepth", p.maxBitDepth);
        }
        catch (const json::exception& e)
        {
            return fail(Error::invalid(std::string("quality profile: ") + e.what()));
        }
        for (auto& format : p.formats)
            for (auto& c : format)
                if (c >= 'A' && c <= 'Z')
                    c = static_cast<char>(c - 'A' + 'a');
        if (auto valid = validate(p); !valid)
            return fail(valid.error());
        return p;
    }
} // namespace soulspot::matching
