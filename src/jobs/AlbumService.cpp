#include "jobs/AlbumService.hpp"

#include "core/Log.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.album");
        using S = core::DownloadStatus;
        using R = core::TransitionReason;
    } // namespace

    AlbumService::AlbumService(db::Database& db, AlbumResolver resolver, std::shared_ptr<AlbumRoad> road,
                               std::shared_ptr<DownloadService> downloads)
        : albums_(db), resolver_(std::move(resolver)), road_(std::move(road)), downloads_(std::move(downloads))
    {
    }

    core::Result<db::AlbumRecord> AlbumService::load(std::int64_t id)
    {
        auto a = albums_.find(id);
        if (!a)
            return core::fail(a.error());
        if (!*a)
            return core::fail(core::Error::notFound("album " + std::to_string(id) + " not found"));
        return std::move(**a);
    }

    core::Result<AlbumsCreated> AlbumService::create(const AlbumRequest& request)
    {
        if (!resolver_)
            return core::fail(core::Error::unavailable("albums cannot be resolved in this configuration"));
        auto inputs = resolver_(request);
        if (!inputs)
            return core::fail(inputs.error());
        AlbumsCreated out;
        for (auto& in : *inputs)
        {
            in.policy = request.policy;
            in.replaceOwned = request.replaceOwned;
            in.qualityProfile = request.qualityProfile;
            auto made = albums_.create(in);
            if (!made)
            {
                // One bad album of a saved list must not lose the others; a single request says why.
                if (inputs->size() == 1)
                    return core::fail(made.error());
                kLog.warning("album not added", {{"title", in.title}, {"error", made.error().message}});
                continue;
            }
            auto album = load(made->id);
            if (!album)
                return core::fail(album.error());
            out.created += made->created ? 1 : 0;
            out.albums.push_back(std::move(*album));
            kLog.info(made->created ? "album wanted" : "album already wanted",
                      {{"album_id", made->id}, {"title", in.title}, {"tracks", std::int64_t(in.tracks.size())}});
        }
        return out;
    }

    core::Result<std::vector<db::AlbumRecord>> AlbumService::list(const db::AlbumFilter& filter) { return albums_.list(filter); }

    core::Result<AlbumDetail> AlbumService::detail(std::int64_t id)
    {
        auto album = load(id);
        if (!album)
            return core::fail(album.error());
        AlbumDetail d{std::move(*album), {}, {}, {}};
        auto tracks = albums_.tracks(id);
        auto folders = albums_.folders(id);
        auto events = albums_.events(id);
        if (!tracks || !folders || !events)
            return core::fail(!tracks ? tracks.error() : !folders ? folders.error() : events.error());
        d.tracks = std::move(*tracks);
        d.folders = std::move(*folders);
        d.events = std::move(*events);
        return d;
    }

    core::Result<db::AlbumRecord> AlbumService::retry(std::int64_t id)
    {
        auto album = load(id);
        if (!album)
            return core::fail(album.error());
        auto moved = albums_.move(id, {S::Failed, S::NotFound, S::Cancelled, S::Completed}, S::Queued, R::UserRetry);
        if (!moved)
            return core::fail(moved.error());
        if (!*moved)
            return core::fail(core::Error::conflict("album " + std::to_string(id) + " is " +
                                                    std::string(core::toString(album->status)) + " and cannot be retried"));
        return load(id);
    }

    core::Result<db::AlbumRecord> AlbumService::cancel(std::int64_t id)
    {
        auto album = load(id);
        if (!album)
            return core::fail(album.error());
        auto moved = albums_.move(id, {S::Queued, S::Searching, S::Downloading, S::NotFound}, S::Cancelled, R::UserCancelled);
        if (!moved)
            return core::fail(moved.error());
        if (!*moved)
            return core::fail(core::Error::conflict("album " + std::to_string(id) + " is " +
                                                    std::string(core::toString(album->status)) + " and cannot be cancelled"));
        // The downloads fetching its tracks go the one cancel path of the download road.
        auto tracks = albums_.tracks(id);
        if (!tracks)
            return core::fail(tracks.error());
        for (const auto& t : *tracks)
        {
            if (!t.downloadId || !t.downloadStatus)
                continue;
            const auto st = *t.downloadStatus;
            if (st != S::Queued && st != S::Searching && st != S::Downloading && st != S::Verifying)
                continue;
            auto d = downloads_->detail(*t.downloadId);
            if (!d || d->download.albumId != id)
                continue; // a playlist's own download of the same track goes on
            if (auto c = downloads_->cancel(*t.downloadId); !c)
                kLog.warning("could not cancel a download of the album",
                             {{"album_id", id}, {"download_id", *t.downloadId}, {"error", c.error().message}});
        }
        return load(id);
    }

    core::Result<db::AlbumRecord> AlbumService::chooseFolder(std::int64_t id, int rank)
    {
        auto album = load(id);
        if (!album)
            return core::fail(album.error());
        if (!road_)
            return core::fail(core::Error::unavailable("slskd is not configured: no folder can be downloaded"));
        if (auto r = road_->chooseFolder(id, rank); !r)
            return core::fail(r.error());
        return load(id);
    }
} // namespace soulspot::jobs
