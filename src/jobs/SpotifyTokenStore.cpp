#include "jobs/SpotifyTokenStore.hpp"

#include <cstdio>
#include <ctime>

#include "core/Clock.hpp"

namespace soulspot::jobs
{
    namespace
    {
        std::string joinScopes(const std::vector<std::string>& scopes)
        {
            std::string out;
            for (const auto& s : scopes)
                out += (out.empty() ? "" : " ") + s;
            return out;
        }

        std::vector<std::string> splitScopes(const std::string& text)
        {
            std::vector<std::string> out;
            std::size_t start = 0;
            while (start < text.size())
            {
                const auto end = std::min(text.find(' ', start), text.size());
                if (end > start)
                    out.push_back(text.substr(start, end - start));
                start = end + 1;
            }
            return out;
        }
    } // namespace

    std::chrono::system_clock::time_point parseIsoUtc(const std::string& text)
    {
        std::tm tm{};
        int millis = 0;
        if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                        &tm.tm_sec, &millis) < 6)
            return {};
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(millis);
    }

    SpotifyTokenStore::SpotifyTokenStore(db::Database& db, std::shared_ptr<const db::SecretBox> box)
        : repo_(db), box_(std::move(box))
    {
    }

    core::Result<std::optional<StoredSpotifyConnection>> SpotifyTokenStore::load()
    {
        auto row = repo_.find(kSpotifyProvider);
        if (!row)
            return core::fail(row.error());
        if (!*row)
            return std::optional<StoredSpotifyConnection>{};
        const auto& r = **row;
        StoredSpotifyConnection c;
        c.tokens.expiresAt = parseIsoUtc(r.expiresAt);
        c.tokens.scopes = splitScopes(r.scopes);
        c.obtainedAt = parseIsoUtc(r.obtainedAt);
        c.user.id = r.userId;
        c.user.displayName = r.userDisplayName;
        c.needsReauth = r.needsReauth;
        c.lastError = r.lastError;
        auto access = box_->open(r.sealedAccessToken);
        auto refresh = box_->open(r.sealedRefreshToken);
        if (!access || !refresh)
        {
            c.undecryptable = true;
            c.needsReauth = true;
            c.lastError = (!access ? access.error() : refresh.error()).message;
        }
        else
        {
            c.tokens.accessToken = std::move(*access);
            c.tokens.refreshToken = std::move(*refresh);
        }
        return std::optional<StoredSpotifyConnection>(std::move(c));
    }

    core::Result<void> SpotifyTokenStore::saveConnection(const sources::spotify::TokenSet& tokens,
                                                         const sources::spotify::SpotifyUser& user,
                                                         std::chrono::system_clock::time_point obtainedAt,
                                                         const std::string& lastError)
    {
        db::OAuthTokenRecord r;
        r.provider = kSpotifyProvider;
        r.sealedAccessToken = box_->seal(tokens.accessToken);
        r.sealedRefreshToken = box_->seal(tokens.refreshToken);
        r.expiresAt = core::toIso8601(tokens.expiresAt);
        r.obtainedAt = core::toIso8601(obtainedAt);
        r.scopes = joinScopes(tokens.scopes);
        r.userId = user.id;
        r.userDisplayName = user.displayName;
        r.lastError = lastError;
        return repo_.saveConnection(r);
    }

    core::Result<void> SpotifyTokenStore::saveRefreshed(const sources::spotify::TokenSet& tokens,
                                                        std::chrono::system_clock::time_point obtainedAt)
    {
        return repo_.saveRefreshed(kSpotifyProvider, box_->seal(tokens.accessToken), box_->seal(tokens.refreshToken),
                                   core::toIso8601(tokens.expiresAt), core::toIso8601(obtainedAt));
    }

    core::Result<void> SpotifyTokenStore::markNeedsReauth(const std::string& reason)
    {
        return repo_.markNeedsReauth(kSpotifyProvider, reason);
    }

    core::Result<void> SpotifyTokenStore::setLastError(const std::string& error) { return repo_.setLastError(kSpotifyProvider, error); }

    core::Result<void> SpotifyTokenStore::erase() { return repo_.erase(kSpotifyProvider); }

    core::Result<void> SpotifyTokenStore::addPending(const std::string& state, const std::string& verifier,
                                                     std::chrono::system_clock::time_point createdAt)
    {
        return repo_.addPending({state, kSpotifyProvider, box_->seal(verifier), core::toIso8601(createdAt)});
    }

    core::Result<std::optional<PendingLogin>> SpotifyTokenStore::takePending(const std::string& state)
    {
        auto row = repo_.takePending(state);
        if (!row)
            return core::fail(row.error());
        if (!*row || (*row)->provider != kSpotifyProvider)
            return std::optional<PendingLogin>{};
        auto verifier = box_->open((*row)->sealedVerifier);
        if (!verifier)
            return core::fail(verifier.error());
        return std::optional<PendingLogin>(PendingLogin{std::move(*verifier), parseIsoUtc((*row)->createdAt)});
    }

    core::Result<void> SpotifyTokenStore::purgePendingBefore(std::chrono::system_clock::time_point cutoff)
    {
        auto n = repo_.purgePendingBefore(core::toIso8601(cutoff));
        if (!n)
            return core::fail(n.error());
        return {};
    }
} // namespace soulspot::jobs
