#include "http/handlers/AlbumHandlers.hpp"

#include <nlohmann/json.hpp>

#include "db/repositories/DownloadRepository.hpp"
#include "http/JsonBody.hpp"
#include "http/RequestParams.hpp"
#include "http/TextField.hpp"
#include "jobs/AlbumService.hpp"

namespace soulspot::http
{
    namespace
    {
        using Service = std::shared_ptr<jobs::AlbumService>;
        using nlohmann::json;

        template <typename T>
        json opt(const std::optional<T>& v)
        {
            return v ? json(*v) : json(nullptr);
        }
        json text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

        json albumToJson(const db::AlbumRecord& a)
        {
            json error = nullptr;
            if (a.errorCode || a.errorMessage)
                error = {{"code", a.errorCode.value_or("error")}, {"message", a.errorMessage.value_or("")}};
            return {{"id", a.id},
                    {"status", core::toString(a.status)},
                    {"title", a.title},
                    {"artist", a.artist},
                    {"release_date", text(a.releaseDate)},
                    {"primary_type", text(a.primaryType)},
                    {"disc_count", a.discCount},
                    {"track_count", a.trackCount},
                    {"spotify_id", text(a.spotifyId)},
                    {"musicbrainz_release_id", text(a.releaseMbid)},
                    {"musicbrainz_release_group_id", text(a.releaseGroupMbid)},
                    {"cover_url", text(a.coverUrl)},
                    {"source", a.source},
                    {"release_choice", text(a.releaseChoice)},
                    {"policy", db::toString(a.policy)},
                    {"replace_owned", a.replaceOwned},
                    {"quality_profile", opt(a.qualityProfile)},
                    {"chosen_folder", opt(a.chosenFolder)},
                    {"search_query", opt(a.searchQuery)},
                    {"search_retries", a.searchRetries},
                    {"next_attempt_at", opt(a.nextAttemptAt)},
                    {"waiting_for", opt(a.waitingFor)},
                    {"error", error},
                    {"created_at", a.createdAt},
                    {"updated_at", a.updatedAt},
                    {"completed_at", opt(a.completedAt)}};
        }

        json trackToJson(const db::AlbumTrackRecord& t)
        {
            return {{"position", t.position},
                    {"disc_number", t.discNumber},
                    {"track_number", t.trackNumber},
                    {"track_id", t.track.id},
                    {"title", t.track.title},
                    {"artists", t.track.artists},
                    {"duration_ms", opt(t.track.durationMs)},
                    {"isrc", text(t.track.isrc)},
                    {"owned", t.owned},
                    {"local_path", text(t.track.localPath)},
                    {"download_id", opt(t.downloadId)},
                    {"download_status", t.downloadStatus ? json(core::toString(*t.downloadStatus)) : json(nullptr)},
                    {"progress_percent", t.progressPercent}};
        }

        json folderToJson(const db::AlbumFolderRecord& f)
        {
            json picks = json::array();
            for (const auto& p : f.picks)
                picks.push_back({{"position", p.position},
                                 {"filename", p.filename},
                                 {"size", p.size},
                                 {"format", text(p.format)},
                                 {"bitrate", opt(p.bitRate)},
                                 {"bit_depth", opt(p.bitDepth)},
                                 {"sample_rate", opt(p.sampleRate)},
                                 {"length_seconds", opt(p.length)},
                                 {"confidence", p.confidence}});
            return {{"rank", f.rank},
                    {"username", f.username},
                    {"directory", f.directory},
                    {"accepted", f.accepted},
                    {"score", f.score},
                    {"format", text(f.format)},
                    {"matched_tracks", f.matchedTracks},
                    {"missing_tracks", f.missingTracks},
                    {"audio_files", f.audioFiles},
                    {"browsed", f.browsed},
                    {"reasons", f.reasons},
                    {"has_free_upload_slot", f.hasFreeSlot},
                    {"queue_length", f.queueLength},
                    {"upload_speed", f.uploadSpeed},
                    {"picks", picks}};
        }

        Response render(int status, const db::AlbumRecord& a) { return jsonResponse(status, dumpJson(albumToJson(a))); }

        core::Result<jobs::AlbumRequest> requestFromJson(const json& body)
        {
            jobs::AlbumRequest r;
            const bool saved = body.contains("saved_albums") && body["saved_albums"].is_boolean() && body["saved_albums"].get<bool>();
            auto ref = textField(body, "ref", "ref", kUrlText);
            auto playlist = textField(body, "playlist", "playlist", kUrlText);
            auto profile = textField(body, "quality_profile", "quality_profile", kIdText);
            auto policy = textField(body, "policy", "policy", kShortText);
            for (const auto* f : {&ref, &playlist, &profile, &policy})
                if (!*f)
                    return core::fail(f->error());
            auto given = [](const std::optional<std::string>& v) { return v && !v->empty(); };
            if (int(saved) + int(given(*ref)) + int(given(*playlist)) != 1)
                return core::fail(core::Error::invalid(
                    "expected exactly one of \"ref\" (a Spotify album link, a MusicBrainz release or release-group id or "
                    "link, or \"Artist - Album\"), \"saved_albums\": true, or \"playlist\" (a Spotify playlist link)"));
            if (saved)
                r.kind = jobs::AlbumRequest::Kind::SavedAlbums;
            else if (given(*playlist))
            {
                r.kind = jobs::AlbumRequest::Kind::PlaylistAlbums;
                r.ref = **playlist;
            }
            else
                r.ref = **ref;
            if (given(*policy))
            {
                auto p = db::parseIncompletePolicy(**policy);
                if (!p)
                    return core::fail(fieldError("policy", "policy must be \"keep_partial\", \"wait\" or \"discard\""));
                r.policy = *p;
            }
            if (body.contains("replace_owned"))
            {
                if (!body["replace_owned"].is_boolean())
                    return core::fail(fieldError("replace_owned", "replace_owned must be a boolean"));
                r.replaceOwned = body["replace_owned"].get<bool>();
            }
            if (given(*profile))
                r.qualityProfile = *profile;
            return r;
        }

        Response create(const Service& s, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            auto request = requestFromJson(*body);
            if (!request)
                return errorResponse(request.error());
            auto made = s->create(*request);
            if (!made)
                return errorResponse(made.error());
            if (request->kind == jobs::AlbumRequest::Kind::Ref)
            {
                if (made->albums.empty())
                    return errorResponse(404, "not_found", "no album found for " + request->ref);
                return render(made->created ? 201 : 200, made->albums.front());
            }
            json arr = json::array();
            for (const auto& a : made->albums)
                arr.push_back(albumToJson(a));
            return jsonResponse(made->created ? 201 : 200, dumpJson(json{{"created", made->created}, {"albums", arr}}));
        }

        Response list(const Service& s, Request& req)
        {
            db::AlbumFilter filter;
            if (auto st = req.queryParam("status"))
            {
                auto parsed = db::parseStatusList(*st);
                if (!parsed)
                    return errorResponse(parsed.error());
                filter.statuses = *parsed;
            }
            // Without `limit` every album comes back, as the runbook's jq filters expect.
            if (req.queryParam("limit"))
            {
                auto limit = intQuery(req, "limit", 100, 1, 1000);
                if (!limit)
                    return errorResponse(limit.error());
                filter.limit = *limit;
            }
            auto offset = intQuery(req, "offset", 0, 0, 100000000);
            if (!offset)
                return errorResponse(offset.error());
            filter.offset = *offset;
            if (filter.offset > 0 && !filter.limit)
                filter.limit = 1000000;
            auto rows = s->list(filter);
            if (!rows)
                return errorResponse(rows.error());
            json arr = json::array();
            for (const auto& a : *rows)
                arr.push_back(albumToJson(a));
            return jsonResponse(200, dumpJson(arr));
        }

        Response detail(const Service& s, Request& req)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto d = s->detail(*id);
            if (!d)
                return errorResponse(d.error());
            json j = albumToJson(d->album);
            j["tracks"] = json::array();
            int owned = 0;
            for (const auto& t : d->tracks)
            {
                owned += t.owned ? 1 : 0;
                j["tracks"].push_back(trackToJson(t));
            }
            j["owned_tracks"] = owned;
            j["folders"] = json::array();
            for (const auto& f : d->folders)
                j["folders"].push_back(folderToJson(f));
            j["events"] = json::array();
            for (const auto& e : d->events)
                j["events"].push_back({{"from", opt(e.fromStatus)},
                                       {"to", e.toStatus},
                                       {"reason", e.reason},
                                       {"message", opt(e.message)},
                                       {"at", e.at}});
            return jsonResponse(200, dumpJson(j));
        }

        template <typename Op>
        Response onAlbum(Request& req, Op op)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto a = op(*id);
            if (!a)
                return errorResponse(a.error());
            return render(200, *a);
        }

        Response choose(const Service& s, Request& req)
        {
            auto rank = parseId(req.param("n"), "folder");
            if (!rank)
                return errorResponse(rank.error());
            if (*rank > 100000)
                return errorResponse(404, "not_found", "no such folder");
            return onAlbum(req, [&](std::int64_t id) { return s->chooseFolder(id, static_cast<int>(*rank)); });
        }
    } // namespace

    void registerAlbumRoutes(Router& router, std::shared_ptr<jobs::AlbumService> s)
    {
        router.add("GET", "/api/v1/albums", [s](Request& r) { return list(s, r); }, "List wanted albums");
        router.add("POST", "/api/v1/albums", [s](Request& r) { return create(s, r); }, "Want an album (or many)");
        router.add("GET", "/api/v1/albums/{id}", [s](Request& r) { return detail(s, r); },
                   "One album with tracklist, scored folders and history");
        router.add("POST", "/api/v1/albums/{id}/retry",
                   [s](Request& r) { return onAlbum(r, [&](std::int64_t id) { return s->retry(id); }); }, "Retry an album");
        router.add("POST", "/api/v1/albums/{id}/cancel",
                   [s](Request& r) { return onAlbum(r, [&](std::int64_t id) { return s->cancel(id); }); }, "Cancel an album");
        router.add("POST", "/api/v1/albums/{id}/folders/{n}/choose", [s](Request& r) { return choose(s, r); },
                   "Download another scored folder");
    }
} // namespace soulspot::http
