#include "jobs/CandidateMapping.hpp"

#include <nlohmann/json.hpp>

namespace soulspot::jobs
{
    matching::WantedTrack toWanted(const db::TrackRecord& track)
    {
        matching::WantedTrack w;
        w.title = track.title;
        w.artists = track.artists;
        w.album = track.album;
        w.durationMs = track.durationMs;
        w.trackNumber = track.trackNumber;
        w.isrc = track.isrc;
        w.releaseDate = track.releaseDate;
        return w;
    }

    matching::SearchFile toFile(const sources::slskd::SearchFileDto& f, bool locked)
    {
        matching::SearchFile out;
        out.filename = f.filename;
        out.size = f.size;
        out.bitRate = f.bitRate;
        out.bitDepth = f.bitDepth;
        out.sampleRate = f.sampleRate;
        out.length = f.length;
        out.isVariableBitRate = f.isVariableBitRate;
        out.extension = f.extension;
        out.locked = locked || f.isLocked;
        return out;
    }

    namespace
    {
        void putOpt(nlohmann::json& j, const char* key, const std::optional<int>& v)
        {
            if (v)
                j[key] = *v;
        }

        std::optional<int> getOpt(const nlohmann::json& j, const char* key)
        {
            if (j.contains(key) && j[key].is_number_integer())
                return j[key].get<int>();
            return std::nullopt;
        }
    } // namespace

    std::vector<matching::SearchResponse> toMatching(const std::vector<sources::slskd::SearchResponseDto>& responses)
    {
        std::vector<matching::SearchResponse> out;
        out.reserve(responses.size());
        for (const auto& r : responses)
        {
            matching::SearchResponse m;
            m.username = r.username;
            m.hasFreeUploadSlot = r.hasFreeUploadSlot;
            m.uploadSpeed = r.uploadSpeed;
            m.queueLength = r.queueLength;
            for (const auto& f : r.files)
                m.files.push_back(toFile(f, false));
            for (const auto& f : r.lockedFiles)
                m.lockedFiles.push_back(toFile(f, true));
            out.push_back(std::move(m));
        }
        return out;
    }

    std::vector<db::CandidateRecord> toCandidateRecords(const matching::MatchResult& result, const std::string& query,
                                                        int maxStored)
    {
        std::vector<db::CandidateRecord> out;
        int rank = 0;
        for (const auto& c : result.candidates)
        {
            // Every accepted candidate is kept (they are the fallbacks); rejected ones up to the cap.
            if (!c.accepted && rank >= maxStored)
                continue;
            db::CandidateRecord r;
            r.rank = rank++;
            r.searchQuery = query;
            r.username = c.username;
            r.filename = c.filename;
            r.size = c.size;
            r.bitrate = c.bitRate;
            r.bitDepth = c.bitDepth;
            r.sampleRate = c.sampleRate;
            r.lengthSeconds = c.length;
            r.format = c.format;
            r.score = c.score;
            r.confidence = c.confidence;
            r.qualityTier = c.qualityTier;
            r.accepted = c.accepted;
            r.reasons = c.reasons;
            r.hasFreeSlot = c.hasFreeUploadSlot;
            r.queueLength = c.queueLength;
            r.uploadSpeed = c.uploadSpeed;
            out.push_back(std::move(r));
        }
        return out;
    }

    std::string responsesToJson(const std::vector<matching::SearchResponse>& responses)
    {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& r : responses)
        {
            nlohmann::json jr = {{"username", r.username},
                                 {"hasFreeUploadSlot", r.hasFreeUploadSlot},
                                 {"uploadSpeed", r.uploadSpeed},
                                 {"queueLength", r.queueLength},
                                 {"files", nlohmann::json::array()},
                                 {"lockedFiles", nlohmann::json::array()}};
            for (int pass = 0; pass < 2; ++pass)
                for (const auto& f : pass == 0 ? r.files : r.lockedFiles)
                {
                    nlohmann::json jf = {{"filename", f.filename}, {"size", f.size}, {"extension", f.extension}};
                    putOpt(jf, "bitRate", f.bitRate);
                    putOpt(jf, "bitDepth", f.bitDepth);
                    putOpt(jf, "sampleRate", f.sampleRate);
                    putOpt(jf, "length", f.length);
                    if (f.isVariableBitRate)
                        jf["isVariableBitRate"] = *f.isVariableBitRate;
                    jr[pass == 0 ? "files" : "lockedFiles"].push_back(std::move(jf));
                }
            arr.push_back(std::move(jr));
        }
        return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    core::Result<std::vector<matching::SearchResponse>> responsesFromJson(const std::string& json)
    {
        auto arr = nlohmann::json::parse(json, nullptr, false);
        if (!arr.is_array())
            return core::fail(core::Error::parse("cached search responses are not a JSON array"));
        std::vector<matching::SearchResponse> out;
        for (const auto& jr : arr)
        {
            matching::SearchResponse r;
            r.username = jr.value("username", "");
            r.hasFreeUploadSlot = jr.value("hasFreeUploadSlot", false);
            r.uploadSpeed = jr.value("uploadSpeed", std::int64_t{0});
            r.queueLength = jr.value("queueLength", std::int64_t{0});
            for (int pass = 0; pass < 2; ++pass)
                for (const auto& jf : jr.value(pass == 0 ? "files" : "lockedFiles", nlohmann::json::array()))
                {
                    matching::SearchFile f;
                    f.filename = jf.value("filename", "");
                    f.size = jf.value("size", std::int64_t{0});
                    f.extension = jf.value("extension", "");
                    f.bitRate = getOpt(jf, "bitRate");
                    f.bitDepth = getOpt(jf, "bitDepth");
                    f.sampleRate = getOpt(jf, "sampleRate");
                    f.length = getOpt(jf, "length");
                    if (jf.contains("isVariableBitRate"))
                        f.isVariableBitRate = jf["isVariableBitRate"].get<bool>();
                    f.locked = pass == 1;
                    (pass == 0 ? r.files : r.lockedFiles).push_back(std::move(f));
                }
            out.push_back(std::move(r));
        }
        return out;
    }

    matching::PeerStats SnapshotPeerHistory::stats(std::string_view username) const
    {
        auto it = snapshot_.stats.find(std::string(username));
        if (it == snapshot_.stats.end())
            return {};
        return {it->second.first, it->second.second};
    }

    bool SnapshotPeerHistory::isBlocked(std::string_view username, std::string_view filename) const
    {
        return snapshot_.blockedUsers.count(std::string(username)) > 0 ||
               snapshot_.blockedFiles.count({std::string(username), std::string(filename)}) > 0;
    }
} // namespace soulspot::jobs
