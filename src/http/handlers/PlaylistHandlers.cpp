#include "http/handlers/PlaylistHandlers.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"
#include "http/RequestParams.hpp"
#include "http/TextField.hpp"
#include "http/handlers/PlaylistJson.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::http
{
    namespace
    {
        using nlohmann::json;




        core::Result<std::optional<bool>> optBool(const json& body, const char* key)
        {
            if (!body.contains(key) || body[key].is_null())
                return std::optional<bool>{};
            if (!body[key].is_boolean())
                return core::fail(core::Error::invalid(std::string(key) + " must be true or false"));
            return std::optional<bool>(body[key].get<bool>());
        }

        /// Spotify failures as the caller should see them: 429 with Retry-After, 409 when the connection
        /// needs the user, 403 when Spotify refuses the playlist, 404 when it does not exist.
        Response spotifyError(const core::Error& e)
        {
            if (e.code == core::ErrorCode::RateLimited)
            {
                Response r = errorResponse(429, "rate_limited", e.message);
                if (auto after = sources::spotify::retryAfterOf(e))
                    r.setHeader("Retry-After", std::to_string(after->count()));
                return r;
            }
            if (e.code == core::ErrorCode::Conflict)
                return errorResponse(409, e.reason.empty() ? "conflict" : e.reason, e.message);
            if (e.code == core::ErrorCode::Unauthorized)
                return errorResponse(409, "spotify_unauthorized", e.message);
            if (e.code == core::ErrorCode::UpstreamError && e.httpStatus == 403)
                return errorResponse(403, "spotify_forbidden", e.message);
            return errorResponse(e);
        }

        Response spotifyPlaylists(const PlaylistServices& s, const Request& req)
        {
            auto limit = intQuery(req, "limit", 50, 1, 1000);
            auto offset = intQuery(req, "offset", 0, 0, 1000000);
            if (!limit)
                return errorResponse(limit.error());
            if (!offset)
                return errorResponse(offset.error());
            auto all = s.sync->spotifyPlaylists();
            if (!all)
                return spotifyError(all.error());
            json items = json::array();
            for (std::size_t i = static_cast<std::size_t>(*offset); i < all->size() && items.size() < static_cast<std::size_t>(*limit); ++i)
                items.push_back(spotifyPlaylistToJson((*all)[i]));
            Response r = jsonResponse(200, dumpJson({{"items", items}, {"total", all->size()}, {"limit", *limit}, {"offset", *offset}}));
            r.setHeader("X-Total-Count", std::to_string(all->size()));
            return r;
        }

        Response importPlaylist(const PlaylistServices& s, const Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            const auto key = body->contains("url") ? "url" : body->contains("playlist") ? "playlist" : "id";
            if (!body->contains(key) || !(*body)[key].is_string())
                return errorResponse(400, "invalid_argument",
                                     "expected {\"url\": \"<open.spotify.com link, spotify: URI, id or 'liked'>\"}");
            if (auto ok = checkText((*body)[key].get_ref<const std::string&>(), key, kUrlText); !ok)
                return errorResponse(ok.error());
            auto autoDownload = optBool(*body, "auto_download");
            if (!autoDownload)
                return errorResponse(autoDownload.error());
            auto result = s.sync->importPlaylist((*body)[key].get<std::string>(), *autoDownload, req.correlationId);
            if (!result)
                return spotifyError(result.error());
            json out = syncResultToJson(*result);
            if (auto playlist = s.catalog->get(result->playlistId))
                out["playlist"] = playlistToJson(*playlist);
            return jsonResponse(result->created ? 201 : 200, dumpJson(out));
        }

        /// The first file part of a multipart/form-data body (a browser form upload).
        std::optional<std::pair<std::string, std::string>> multipartFile(const std::string& contentType, const std::string& body)
        {
            const auto b = contentType.find("boundary=");
            if (b == std::string::npos)
                return std::nullopt;
            std::string boundary = contentType.substr(b + 9);
            if (const auto semi = boundary.find(';'); semi != std::string::npos)
                boundary.resize(semi);
            if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"')
                boundary = boundary.substr(1, boundary.size() - 2);
            const std::string delimiter = "--" + boundary;
            for (auto pos = body.find(delimiter); pos != std::string::npos;)
            {
                const auto headersStart = pos + delimiter.size() + 2;
                const auto headersEnd = body.find("\r\n\r\n", headersStart);
                const auto next = body.find("\r\n" + delimiter, headersStart);
                if (headersEnd == std::string::npos || next == std::string::npos || headersEnd > next)
                    return std::nullopt;
                const std::string headers = body.substr(headersStart, headersEnd - headersStart);
                if (const auto f = headers.find("filename=\""); f != std::string::npos)
                {
                    const auto end = headers.find('"', f + 10);
                    return std::make_pair(headers.substr(f + 10, end - f - 10), body.substr(headersEnd + 4, next - headersEnd - 4));
                }
                pos = next + 2;
            }
            return std::nullopt;
        }

        Response importFile(const PlaylistServices& s, const Request& req)
        {
            // Three ways in: JSON {"content", "filename"?, "name"?, "auto_download"?}, a multipart form upload,
            // or the raw file as the body with ?filename=&name=&auto_download= in the query.
            std::string content, filename, name;
            bool autoDownload = req.queryParam("auto_download").value_or("false") == "true";
            filename = req.queryParam("filename").value_or("");
            name = req.queryParam("name").value_or("");
            const auto contentType = req.header("Content-Type").value_or("");
            if (contentType.starts_with("application/json"))
            {
                auto body = parseJsonObject(req);
                if (!body)
                    return errorResponse(body.error());
                if (!body->contains("content") || !(*body)["content"].is_string())
                    return errorResponse(400, "invalid_argument", "expected {\"content\": \"<the file's text>\", \"filename\": …}");
                content = (*body)["content"].get<std::string>();
                for (auto [key, out] : {std::pair{"filename", &filename}, std::pair{"name", &name}})
                {
                    auto v = textField(*body, key, key, kNameText);
                    if (!v)
                        return errorResponse(v.error());
                    if (*v)
                        *out = std::move(**v);
                }
                auto ad = optBool(*body, "auto_download");
                if (!ad)
                    return errorResponse(ad.error());
                autoDownload = ad->value_or(autoDownload);
            }
            else if (contentType.starts_with("multipart/form-data"))
            {
                auto part = multipartFile(contentType, req.body);
                if (!part)
                    return errorResponse(400, "invalid_argument", "multipart body has no file part");
                filename = filename.empty() ? part->first : filename;
                content = std::move(part->second);
            }
            else
                content = req.body;
            // The query, the form and the JSON body all end here: the names are checked once for every road.
            if (auto ok = checkText(filename, "filename", kNameText); !ok)
                return errorResponse(ok.error());
            if (auto ok = checkText(name, "name", kNameText); !ok)
                return errorResponse(ok.error());
            auto result = s.fileImport->importFile(content, filename, name, autoDownload, req.correlationId);
            if (!result)
                return errorResponse(result.error());
            return jsonResponse(result->playlistId ? 201 : 200, dumpJson(fileImportToJson(*result)));
        }

        Response list(const PlaylistServices& s)
        {
            auto rows = s.catalog->list();
            if (!rows)
                return errorResponse(rows.error());
            json arr = json::array();
            for (const auto& p : *rows)
                arr.push_back(playlistToJson(p));
            Response r = jsonResponse(200, dumpJson(arr));
            r.setHeader("X-Total-Count", std::to_string(rows->size()));
            return r;
        }

        Response detail(const PlaylistServices& s, const Request& req)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto d = s.catalog->detail(*id);
            if (!d)
                return errorResponse(d.error());
            return jsonResponse(200, dumpJson(playlistDetailToJson(*d)));
        }

        Response patch(const PlaylistServices& s, const Request& req)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            auto autoDownload = optBool(*body, "auto_download");
            if (!autoDownload)
                return errorResponse(autoDownload.error());
            if (!*autoDownload)
                return errorResponse(400, "invalid_argument", "expected {\"auto_download\": true|false}");
            auto r = s.catalog->setAutoDownload(*id, **autoDownload, req.correlationId);
            if (!r)
                return errorResponse(r.error());
            json out = playlistToJson(r->first);
            out["queued"] = r->second;
            return jsonResponse(200, dumpJson(out));
        }

        Response sync(const PlaylistServices& s, const Request& req)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            auto result = s.sync->sync(*id, req.correlationId);
            if (!result)
                return spotifyError(result.error());
            return jsonResponse(200, dumpJson(syncResultToJson(*result)));
        }

        Response remove(const PlaylistServices& s, const Request& req)
        {
            auto id = parseId(req.param("id"), "id");
            if (!id)
                return errorResponse(id.error());
            if (auto r = s.catalog->remove(*id); !r)
                return errorResponse(r.error());
            return jsonResponse(200, dumpJson({{"id", *id}, {"deleted", true}}));
        }
    } // namespace

    void registerPlaylistRoutes(Router& router, PlaylistServices services)
    {
        auto s = std::make_shared<const PlaylistServices>(std::move(services));
        router.add("GET", "/api/v1/spotify/playlists", [s](Request& r) { return spotifyPlaylists(*s, r); },
                   "The user's Spotify playlists (paged)");
        router.add("POST", "/api/v1/playlists/import", [s](Request& r) { return importPlaylist(*s, r); },
                   "Import a Spotify playlist or Liked Songs");
        router.add("POST", "/api/v1/playlists/import-file", [s](Request& r) { return importFile(*s, r); },
                   "Import a CSV / M3U / plain-text wanted list");
        router.add("GET", "/api/v1/playlists", [s](Request&) { return list(*s); }, "List playlists");
        router.add("GET", "/api/v1/playlists/{id}", [s](Request& r) { return detail(*s, r); }, "One playlist with track states");
        router.add("PATCH", "/api/v1/playlists/{id}", [s](Request& r) { return patch(*s, r); }, "Switch auto-download");
        router.add("DELETE", "/api/v1/playlists/{id}", [s](Request& r) { return remove(*s, r); }, "Delete a playlist (keeps files)");
        router.add("POST", "/api/v1/playlists/{id}/sync", [s](Request& r) { return sync(*s, r); }, "Re-sync a Spotify playlist");
    }
} // namespace soulspot::http
