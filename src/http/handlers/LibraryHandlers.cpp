#include "http/handlers/LibraryHandlers.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/Clock.hpp"
#include "http/JsonBody.hpp"
#include "http/TextField.hpp"
#include "http/RequestParams.hpp"
#include "jobs/LibraryService.hpp"

namespace soulspot::http
{
    namespace
    {
        using Service = std::shared_ptr<jobs::LibraryService>;
        using nlohmann::json;



        json optional(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
        json text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

        json fileToJson(const db::LibraryFileRecord& f)
        {
            return json{{"id", f.id},
                        {"path", f.path},
                        {"size_bytes", f.sizeBytes},
                        {"format", f.format},
                        {"codec", text(f.codec)},
                        {"duration_ms", optional(f.durationMs)},
                        {"bitrate", optional(f.bitrate)},
                        {"sample_rate", optional(f.sampleRate)},
                        {"bit_depth", optional(f.bitDepth)},
                        {"title", text(f.title)},
                        {"artist", text(f.artist)},
                        {"album", text(f.album)},
                        {"album_artist", text(f.albumArtist)},
                        {"track_number", optional(f.trackNumber)},
                        {"track_total", optional(f.trackTotal)},
                        {"disc_number", optional(f.discNumber)},
                        {"disc_total", optional(f.discTotal)},
                        {"release_date", text(f.releaseDate)},
                        {"genre", text(f.genre)},
                        {"isrc", text(f.isrc)},
                        {"musicbrainz_recording_id", text(f.mbRecordingId)},
                        {"musicbrainz_release_id", text(f.mbReleaseId)},
                        {"has_cover", f.hasCover},
                        {"track_id", f.trackId ? json(*f.trackId) : json(nullptr)},
                        {"enrichment", {{"state", f.enrichmentState},
                                        {"attempts", f.enrichmentAttempts},
                                        {"next_at", f.enrichmentNextAt ? json(*f.enrichmentNextAt) : json(nullptr)},
                                        {"error", f.enrichmentError ? json(*f.enrichmentError) : json(nullptr)}}},
                        {"scanned_at", f.scannedAt}};
        }

        json progressToJson(const jobs::ScanProgress& p, bool running)
        {
            auto iso = [](std::chrono::system_clock::time_point t) {
                return t.time_since_epoch().count() == 0 ? json(nullptr) : json(core::toIso8601(t));
            };
            const auto toRead = p.toRead();
            return json{{"phase", p.phase},
                        {"running", running},
                        {"root", text(p.root)},
                        {"files_seen", p.filesSeen},
                        {"files_read", p.filesRead},
                        {"files_skipped", p.filesSkipped},
                        {"files_removed", p.filesRemoved},
                        {"errors", p.errors},
                        {"problems", p.problems},
                        {"percent", p.phase == "done" ? 100.0 : toRead > 0 ? 100.0 * static_cast<double>(p.filesRead + p.errors) /
                                                                                static_cast<double>(toRead)
                                                                          : 0.0},
                        {"started_at", iso(p.startedAt)},
                        {"finished_at", iso(p.finishedAt)}};
        }

        Response startScan(const Service& s, Request& req)
        {
            std::optional<std::filesystem::path> root;
            if (!req.body.empty())
            {
                auto body = parseJsonObject(req);
                if (!body)
                    return errorResponse(body.error());
                if (body->contains("path"))
                {
                    auto path = textField(*body, "path", "path", kPathText);
                    if (!path)
                        return errorResponse(path.error());
                    if (*path)
                        root = **path;
                }
            }
            auto started = s->startScan(root);
            if (!started)
            {
                if (started.error().code == core::ErrorCode::Conflict)
                    return errorResponse(409, "scan_running", started.error().message);
                return errorResponse(started.error());
            }
            Response r = jsonResponse(202, dumpJson(progressToJson(*started, true)));
            r.setHeader("Location", "/api/v1/library/scan");
            return r;
        }

        Response tracks(const Service& s, Request& req)
        {
            auto limit = intQuery(req, "limit", 100, 1, 1000);
            if (!limit)
                return errorResponse(limit.error());
            auto offset = intQuery(req, "offset", 0, 0, 100000000);
            if (!offset)
                return errorResponse(offset.error());
            auto found = s->tracks(req.queryParam("q").value_or(""), *limit, *offset);
            if (!found)
                return errorResponse(found.error());
            json arr = json::array();
            for (const auto& f : found->first)
                arr.push_back(fileToJson(f));
            Response r = jsonResponse(200, dumpJson(arr));
            r.setHeader("X-Total-Count", std::to_string(found->second));
            return r;
        }

        Response stats(const Service& s)
        {
            auto st = s->stats();
            if (!st)
                return errorResponse(st.error());
            json formats = json::object(), enrichment = json::object();
            for (const auto& [k, n] : st->byFormat)
                formats[k] = n;
            for (const auto& [k, n] : st->byEnrichmentState)
                enrichment[k] = n;
            return jsonResponse(200, dumpJson(json{{"files", st->files},
                                               {"total_bytes", st->totalBytes},
                                               {"total_duration_ms", st->totalDurationMs},
                                               {"artists", st->artists},
                                               {"albums", st->albums},
                                               {"formats", formats},
                                               {"enrichment", enrichment},
                                               {"linked_to_wanted_tracks", st->linkedToTracks},
                                               {"last_scanned_at", st->lastScannedAt ? json(*st->lastScannedAt) : json(nullptr)},
                                               {"scan_running", s->scanning()}}));
        }

        Response duplicates(const Service& s)
        {
            auto groups = s->duplicates();
            if (!groups)
                return errorResponse(groups.error());
            json arr = json::array();
            for (const auto& g : *groups)
            {
                json files = json::array();
                for (const auto& f : g.files)
                    files.push_back(fileToJson(f));
                arr.push_back(json{{"key", g.key}, {"count", g.files.size()}, {"files", files}});
            }
            return jsonResponse(200, dumpJson(json{{"groups", arr}, {"count", arr.size()}}));
        }
    } // namespace

    void registerLibraryRoutes(Router& router, std::shared_ptr<jobs::LibraryService> s)
    {
        router.add("POST", "/api/v1/library/scan", [s](Request& r) { return startScan(s, r); }, "Start a library scan");
        router.add("GET", "/api/v1/library/scan",
                   [s](Request&) { return jsonResponse(200, dumpJson(progressToJson(s->scanProgress(), s->scanning()))); },
                   "Library scan progress");
        router.add("GET", "/api/v1/library/tracks", [s](Request& r) { return tracks(s, r); }, "Browse the library index");
        router.add("GET", "/api/v1/library/stats", [s](Request&) { return stats(s); }, "Library statistics");
        router.add("GET", "/api/v1/library/duplicates", [s](Request&) { return duplicates(s); }, "Duplicate files");
    }
} // namespace soulspot::http
