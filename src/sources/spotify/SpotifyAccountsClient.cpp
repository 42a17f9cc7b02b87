#include "sources/spotify/SpotifyAccounts.hpp"

#include "sources/spotify/SpotifyErrors.hpp"
#include "sources/spotify/SpotifyJson.hpp"

namespace soulspot::sources::spotify
{
    namespace
    {
        using FormFields = std::vector<std::pair<std::string, std::string>>;

        std::string encodeForm(const FormFields& fields)
        {
            std::string out;
            for (const auto& [key, value] : fields)
            {
                if (!out.empty())
                    out.push_back('&');
                out += net::urlEncode(key) + "=" + net::urlEncode(value);
            }
            return out;
        }

        std::vector<std::string> splitScopes(const std::string& scope)
        {
            std::vector<std::string> out;
            std::size_t start = 0;
            while (start < scope.size())
            {
                const auto end = std::min(scope.find(' ', start), scope.size());
                if (end > start)
                    out.push_back(scope.substr(start, end - start));
                start = end + 1;
            }
            return out;
        }
    } // namespace

    const std::vector<std::string>& defaultScopes()
    {
        static const std::vector<std::string> kScopes{"playlist-read-private", "playlist-read-collaborative",
                                                      "user-library-read", "user-follow-read"};
        return kScopes;
    }

    SpotifyAccountsClient::SpotifyAccountsClient(std::shared_ptr<net::ServiceClient> service,
                                                 std::shared_ptr<core::IClock> clock)
        : service_(std::move(service)), clock_(std::move(clock))
    {
    }

    std::string SpotifyAccountsClient::authorizeUrl(const std::string& clientId, const std::string& redirectUri,
                                                    const std::string& state, const std::string& codeChallenge,
                                                    const std::vector<std::string>& scopes) const
    {
        std::string scope;
        for (const auto& s : scopes)
            scope += (scope.empty() ? "" : " ") + s;
        FormFields query{{"client_id", clientId},
                         {"response_type", "code"},
                         {"redirect_uri", redirectUri},
                         {"code_challenge_method", "S256"},
                         {"code_challenge", codeChallenge},
                         {"state", state}};
        if (!scope.empty())
            query.emplace_back("scope", scope); // urlEncode turns the separating spaces into %20
        return net::joinUrl(service_->baseUrl(), "/authorize") + "?" + encodeForm(query);
    }

    core::Result<TokenSet> SpotifyAccountsClient::exchangeCode(const std::string& code, const std::string& codeVerifier,
                                                               const std::string& redirectUri,
                                                               const std::string& clientId)
    {
        return postToken(encodeForm({{"grant_type", "authorization_code"},
                                     {"code", code},
                                     {"redirect_uri", redirectUri},
                                     {"client_id", clientId},
                                     {"code_verifier", codeVerifier}}));
    }

    core::Result<TokenSet> SpotifyAccountsClient::refresh(const std::string& refreshToken, const std::string& clientId)
    {
        auto tokens = postToken(
            encodeForm({{"grant_type", "refresh_token"}, {"refresh_token", refreshToken}, {"client_id", clientId}}));
        if (!tokens)
            return tokens;
        // Documented rule: no refresh_token in the answer means "keep using the one you have".
        if (tokens->refreshToken.empty())
            tokens->refreshToken = refreshToken;
        tokens->refreshTokenRotated = tokens->refreshToken != refreshToken;
        return tokens;
    }

    core::Result<TokenSet> SpotifyAccountsClient::postToken(const std::string& form)
    {
        net::HttpRequest request;
        request.method = "POST";
        request.url = "/api/token";
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
        request.body = form;
        auto response = service_->call(std::move(request));
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(tokenEndpointError(*response));
        auto body = json::parseObject(response->body, "token endpoint");
        if (!body)
            return core::fail(body.error());
        TokenSet tokens;
        tokens.accessToken = json::text(*body, "access_token");
        if (tokens.accessToken.empty())
            return core::fail(core::Error::parse("Spotify token endpoint: answer has no access_token"));
        tokens.refreshToken = json::text(*body, "refresh_token");
        const int expiresIn = body->contains("expires_in") ? json::integer(*body, "expires_in") : 3600;
        tokens.expiresAt = clock_->now() + std::chrono::seconds(expiresIn);
        tokens.scopes = splitScopes(json::text(*body, "scope"));
        return tokens;
    }
} // namespace soulspot::sources::spotify
