#include "http/handlers/DownloadHandlers.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"
#include "http/RequestParams.hpp"
#include "http/TextField.hpp"
#include "http/handlers/DownloadJson.hpp"
#include "jobs/DownloadService.hpp"

namespace soulspot::http
{
    namespace
    {
        using Service = std::shared_ptr<jobs::DownloadService>;
        using nlohmann::json;




        /// A bounded text member; absent, null and "" all mean "not given".
        core::Result<std::optional<std::string>> optText(const json& j, const char* key, std::string_view field, TextRule rule)
        {
            auto v = textField(j, key, field, rule);
            if (v && *v && (*v)->empty())
                return std::optional<std::string>{};
            return v;
        }

        core::Result<db::TrackInput> trackFromJson(const json& t)
        {
            if (!t.is_object())
                return core::fail(core::Error::invalid("track must be an object"));
            db::TrackInput in;
            auto title = optText(t, "title", "track.title", kNameText);
            if (!title)
                return core::fail(title.error());
            if (!*title)
                return core::fail(fieldError("track.title", "track.title is required"));
            in.title = std::move(**title);
            if (t.contains("artists") && t["artists"].is_array())
            {
                if (t["artists"].size() > kMaxArtists)
                    return core::fail(fieldError("track.artists", "track.artists has more than " + std::to_string(kMaxArtists) +
                                                                      " entries"));
                for (const auto& a : t["artists"])
                {
                    const json* name = a.is_string() ? &a : a.is_object() && a.contains("name") ? &a["name"] : nullptr;
                    if (!name || !name->is_string() || name->get_ref<const std::string&>().empty())
                        continue;
                    if (auto ok = checkText(name->get_ref<const std::string&>(), "track.artists", kNameText); !ok)
                        return core::fail(ok.error());
                    in.artists.push_back(name->get<std::string>());
                }
            }
            else
            {
                auto artist = optText(t, "artist", "track.artist", kNameText);
                if (!artist)
                    return core::fail(artist.error());
                if (*artist)
                    in.artists.push_back(std::move(**artist));
            }
            if (in.artists.empty())
                return core::fail(fieldError("track.artist", "track.artist is required"));
            struct Text { const char* key; const char* field; TextRule rule; std::string* out; };
            for (const Text& f : {Text{"album", "track.album", kNameText, &in.album}, Text{"isrc", "track.isrc", kIsrcText, &in.isrc},
                                  Text{"spotify_id", "track.spotify_id", kIdText, &in.spotifyId},
                                  Text{"release_date", "track.release_date", kShortText, &in.releaseDate}})
            {
                auto v = optText(t, f.key, f.field, f.rule);
                if (!v)
                    return core::fail(v.error());
                *f.out = v->value_or("");
            }
            if (t.contains("duration_ms") && !t["duration_ms"].is_null())
            {
                if (!t["duration_ms"].is_number_integer() || t["duration_ms"].get<std::int64_t>() <= 0 ||
                    t["duration_ms"].get<std::int64_t>() > 24LL * 3600 * 1000)
                    return core::fail(core::Error::invalid("track.duration_ms must be a positive integer (milliseconds)"));
                in.durationMs = t["duration_ms"].get<int>();
            }
            if (t.contains("track_number") && t["track_number"].is_number_integer())
                in.trackNumber = t["track_number"].get<int>();
            if (t.contains("disc_number") && t["disc_number"].is_number_integer())
                in.discNumber = t["disc_number"].get<int>();
            return in;
        }

        Response render(int status, const db::DownloadRecord& d) { return jsonResponse(status, dumpJson(downloadToJson(d))); }

        // Without `limit` the whole queue comes back (the runbook's jq filters must see every download),
        // read in keyset pages so no more than one page of rows is held at a time.
        Response listEverything(const Service& s, db::DownloadFilter filter)
        {
            constexpr int kPage = 500;
            std::string body = "[";
            std::int64_t total = 0;
            bool first = true;
            filter.limit = kPage;
            for (;;)
            {
                auto rows = s->list(filter);
                if (!rows)
                    return errorResponse(rows.error());
                total = rows->second;
                for (const auto& d : rows->first)
                {
                    body += first ? "" : ",";
                    body += dumpJson(downloadToJson(d));
                    first = false;
                }
                if (rows->first.size() < static_cast<std::size_t>(kPage))
                    break;
                filter.beforeId = rows->first.back().id;
            }
            body += "]";
            Response r = jsonResponse(200, std::move(body));
            r.setHeader("X-Total-Count", std::to_string(total));
            return r;
        }

        Response list(const Service& s, Request& req)
        {
            db::DownloadFilter filter;
            if (auto st = req.queryParam("status"))
            {
                auto parsed = db::parseStatusList(*st);
                if (!parsed)
                    return errorResponse(parsed.error());
                filter.statuses = *parsed;
            }
            auto offset = intQuery(req, "offset", 0, 0, 100000000);
            if (!offset)
                return errorResponse(offset.error());
            if (!req.queryParam("limit") && *offset == 0)
                return listEverything(s, filter);
            auto limit = intQuery(req, "limit", 100, 1, 1000);
            if (!limit)
                return errorResponse(limit.error());
            filter.limit = *limit;
            filter.offset = *offset;
            auto rows = s->list(filter);
            if (!rows)
                return errorResponse(rows.error());
            json arr = json::array();
            for (const auto& d : rows->first)
                arr.push_back(downloadToJson(d));
            Response r = jsonResponse(200, dumpJson(arr));
            r.setHeader("X-Total-Count", std::to_string(rows->second));
            return r;
        }

        Response create(const Service& s, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            int priority = 0;
            if (body->contains("priority"))
            {
                if (!(*body)["priority"].is_number_integer())
                    return errorResponse(400, "invalid_argument", "priority must be an integer");
                priority = (*body)["priority"].get<int>();
            }
            auto profile = optText(*body, "quality_profile", "quality_profile", kIdText);
            if (!profile)
                return errorResponse(profile.error());
            // "force": download even when the library already has the track (a quality upgrade).
            const bool force = body->contains("force") && (*body)["force"].is_boolean() && (*body)["force"].get<bool>();
            core::Result<jobs::CreateResult> result = core::fail(core::Error::invalid("expected \"track\" or \"track_id\""));
            if (body->contains("track_id"))
            {
                if (!(*body)["track_id"].is_number_integer())
                    return errorResponse(400, "invalid_argument", "track_id must be an integer");
                result = s->createForTrackId((*body)["track_id"].get<std::int64_t>(), priority, *profile, req.correlationId, force);
            }
            else if (body->contains("track"))
            {
                auto track = trackFromJson((*body)["track"]);
                if (!track)
                    return errorResponse(track.error());
                result = s->createForTrack(*track, priority, *profile, req.correlationId, force);
            }
            if (!result)
                return errorResponse(result.error());
            if (result->ownedPath)
                return jsonResponse(409, dumpJson(json{{"error",
                                                    {{"code", "already_owned"},
                                                     {"message", "the track is already in the library; send \"force\": true "
                                                                 "to download it anyway"},
                                                     {"library_path", *result->ownedPath}}}}));
            return render(result->created ? 201 : 200, result->download);
        }

        Response detail(const Service& s, Request& req)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto d = s->detail(*id);
            if (!d)
                return errorResponse(d.error());
            json j = downloadToJson(d->download);
            j["candidates"] = json::array();
            for (const auto& c : d->candidates)
                j["candidates"].push_back(candidateToJson(c));
            j["attempt_history"] = json::array();
            for (const auto& a : d->attempts)
                j["attempt_history"].push_back(attemptToJson(a));
            return jsonResponse(200, dumpJson(j));
        }

        template <typename Op>
        Response onDownload(Request& req, Op op)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto d = op(*id);
            if (!d)
                return errorResponse(d.error());
            return render(200, *d);
        }

        Response patch(const Service& s, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            if (!body->contains("priority") || !(*body)["priority"].is_number_integer())
                return errorResponse(400, "invalid_argument", "expected {\"priority\": <integer>}");
            const int priority = (*body)["priority"].get<int>();
            return onDownload(req, [&](std::int64_t id) { return s->setPriority(id, priority); });
        }

        Response choose(const Service& s, Request& req)
        {
            auto rank = parseId(req.param("n"), "candidate");
            if (!rank)
                return errorResponse(rank.error());
            // What the caller named is checked before whether we can act on it: an unknown download or
            // candidate is 404 even while slskd is not configured (503), so a typo is not read as an outage.
            return onDownload(req, [&](std::int64_t id) -> core::Result<db::DownloadRecord> {
                auto d = s->detail(id);
                if (!d)
                    return core::fail(d.error());
                const bool known = std::any_of(d->candidates.begin(), d->candidates.end(),
                                               [&](const db::CandidateRecord& c) { return c.rank == *rank; });
                if (!known)
                    return core::fail(core::Error::notFound("download " + std::to_string(id) + " has no candidate " +
                                                            std::to_string(*rank)));
                return s->chooseCandidate(id, static_cast<int>(*rank));
            });
        }

        Response pauseState(const Service& s) { return jsonResponse(200, dumpJson(json{{"paused", s->paused()}})); }

        Response blocklist(const Service& s)
        {
            auto entries = s->blocklist();
            if (!entries)
                return errorResponse(entries.error());
            json arr = json::array();
            for (const auto& e : *entries)
                arr.push_back(blocklistToJson(e));
            return jsonResponse(200, dumpJson(arr));
        }

        Response addBlock(const Service& s, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            auto username = optText(*body, "username", "username", kIdText);
            auto filename = optText(*body, "filename", "filename", kPathText);
            auto reason = optText(*body, "reason", "reason", kNameText);
            auto expires = optText(*body, "expires_at", "expires_at", kShortText);
            for (const auto* f : {&username, &filename, &reason, &expires})
                if (!*f)
                    return errorResponse(f->error());
            if (!*username)
                return errorResponse(fieldError("username", "username is required"));
            auto entry = s->block(**username, *filename, reason->value_or("manual"), *expires);
            if (!entry)
                return errorResponse(entry.error());
            return jsonResponse(201, dumpJson(blocklistToJson(*entry)));
        }
    } // namespace

    void registerDownloadRoutes(Router& router, std::shared_ptr<jobs::DownloadService> s)
    {
        router.add("GET", "/api/v1/downloads", [s](Request& r) { return list(s, r); }, "List downloads");
        router.add("POST", "/api/v1/downloads", [s](Request& r) { return create(s, r); }, "Queue a download");
        router.add("GET", "/api/v1/downloads/{id}", [s](Request& r) { return detail(s, r); }, "One download with candidates");
        router.add("PATCH", "/api/v1/downloads/{id}", [s](Request& r) { return patch(s, r); }, "Change priority");
        router.add("POST", "/api/v1/downloads/{id}/retry",
                   [s](Request& r) { return onDownload(r, [&](std::int64_t id) { return s->retry(id); }); }, "Retry");
        router.add("POST", "/api/v1/downloads/{id}/cancel",
                   [s](Request& r) { return onDownload(r, [&](std::int64_t id) { return s->cancel(id); }); }, "Cancel");
        router.add("POST", "/api/v1/downloads/{id}/candidates/{n}/choose", [s](Request& r) { return choose(s, r); },
                   "Pick another candidate");
        router.add("POST", "/api/v1/downloads/pause", [s](Request&) { (void)s->pause(); return pauseState(s); }, "Pause all");
        router.add("POST", "/api/v1/downloads/resume", [s](Request&) { (void)s->resume(); return pauseState(s); }, "Resume all");
        router.add("GET", "/api/v1/blocklist", [s](Request&) { return blocklist(s); }, "List blocked sources");
        router.add("POST", "/api/v1/blocklist", [s](Request& r) { return addBlock(s, r); }, "Block a user or file");
        router.add("DELETE", "/api/v1/blocklist/{id}",
                   [s](Request& r) {
                       auto id = parseId(r.param("id"), "id");
                       if (!id)
                           return errorResponse(id.error());
                       if (auto u = s->unblock(*id); !u)
                           return errorResponse(u.error());
                       Response res;
                       res.status = 204;
                       res.body.clear();
                       return res;
                   },
                   "Unblock");
    }
} // namespace soulspot::http
