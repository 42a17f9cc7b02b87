#include "http/handlers/DownloadJson.hpp"

#include <nlohmann/json.hpp>

namespace soulspot::http
{
    namespace
    {
        template <typename T>
        nlohmann::json opt(const std::optional<T>& v)
        {
            return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
        }

        nlohmann::json text(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }
    } // namespace

    nlohmann::json downloadToJson(const db::DownloadRecord& d)
    {
        nlohmann::json track = {{"id", d.track.id},
                                {"artist", d.track.artistDisplay()},
                                {"artists", d.track.artists},
                                {"title", d.track.title},
                                {"album", text(d.track.album)},
                                {"duration_ms", opt(d.track.durationMs)},
                                {"isrc", text(d.track.isrc)},
                                {"spotify_id", text(d.track.spotifyId)}};
        nlohmann::json source = nullptr;
        if (d.username && d.filename)
            source = {{"username", *d.username},
                      {"filename", *d.filename},
                      {"size", opt(d.size)},
                      {"bitrate", opt(d.bitrate)},
                      {"format", opt(d.format)},
                      {"transfer_id", opt(d.transferId)}};
        nlohmann::json error = nullptr;
        if (d.errorCode || d.errorMessage)
            error = {{"code", d.errorCode.value_or("error")}, {"message", d.errorMessage.value_or("")}};
        return {{"id", d.id},
                {"status", core::toString(d.status)},
                {"priority", d.priority},
                {"progress_percent", d.progressPercent},
                {"bytes_transferred", d.bytesTransferred},
                {"track", track},
                {"source", source},
                {"local_path", opt(d.localPath)},
                {"attempts", d.attempts},
                {"search_retries", d.searchRetries},
                {"quality_profile", opt(d.qualityProfile)},
                {"next_attempt_at", opt(d.nextAttemptAt)},
                {"waiting_for", opt(d.waitingFor)},
                {"album_id", opt(d.albumId)},
                {"claimed_by", opt(d.claimedBy)},
                {"error", error},
                {"created_at", d.createdAt},
                {"updated_at", d.updatedAt},
                {"completed_at", opt(d.completedAt)}};
    }

    nlohmann::json candidateToJson(const db::CandidateRecord& c)
    {
        return {{"rank", c.rank},
                {"username", c.username},
                {"filename", c.filename},
                {"size", c.size},
                {"bitrate", opt(c.bitrate)},
                {"bit_depth", opt(c.bitDepth)},
                {"sample_rate", opt(c.sampleRate)},
                {"length", opt(c.lengthSeconds)},
                {"format", text(c.format)},
                {"score", c.score},
                {"confidence", c.confidence},
                {"quality_tier", c.qualityTier},
                {"accepted", c.accepted},
                {"reasons", c.reasons},
                {"has_free_upload_slot", c.hasFreeSlot},
                {"queue_length", c.queueLength},
                {"upload_speed", c.uploadSpeed},
                {"tried", c.tried},
                {"search_query", c.searchQuery}};
    }

    nlohmann::json attemptToJson(const db::AttemptRecord& a)
    {
        return {{"username", a.username},
                {"filename", a.filename},
                {"transfer_id", opt(a.transferId)},
                {"outcome", a.outcome},
                {"reason_code", opt(a.reasonCode)},
                {"message", opt(a.message)},
                {"started_at", a.startedAt},
                {"ended_at", opt(a.endedAt)}};
    }

    nlohmann::json blocklistToJson(const db::BlocklistEntry& b)
    {
        return {{"id", b.id},
                {"username", b.username},
                {"filename", opt(b.filename)},
                {"reason", b.reason},
                {"expires_at", opt(b.expiresAt)},
                {"created_at", b.createdAt}};
    }
} // namespace soulspot::http
