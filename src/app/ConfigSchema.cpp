#include "app/ConfigSchema.hpp"

namespace soulspot::app
{
    const std::vector<ConfigVar>& configSchema()
    {
        using K = VarKind;
        static const std::vector<ConfigVar> vars{
            {"API_HOST", "0.0.0.0", K::String, false, "Server", "Address the HTTP server listens on."},
            {"API_PORT", "8765", K::Int, false, "Server", "TCP port of the web UI and API.", 1, 65535},
            {"API_MAX_BODY_BYTES", "10485760", K::Int, false, "Server", "Largest request body accepted (413 above).", 1024, 0},
            {"API_REQUEST_TIMEOUT", "30", K::Int, false, "Server", "Seconds a client may take to send a request.", 1, 3600},
            {"SHUTDOWN_TIMEOUT", "20", K::Int, false, "Server", "Seconds SIGTERM waits for in-flight requests and jobs.", 1, 600},
            {"DATABASE_URL", "sqlite:///./data/soulspot.db", K::DatabaseUrl, true, "Database",
             "sqlite:///relative/path, sqlite:////absolute/path or postgresql://user:pass@host:port/db."},
            {"DATABASE_POOL_SIZE", "5", K::Int, false, "Database", "Connections kept open.", 1, 100},
            {"DATABASE_MAX_OVERFLOW", "10", K::Int, false, "Database", "Extra connections opened under load.", 0, 100},
            {"LOG_LEVEL", "INFO", K::LogLevel, false, "Logging", "DEBUG, INFO, WARNING or ERROR."},
            {"LOG_FORMAT", "json", K::LogFormat, false, "Logging", "json (one object per line) or text."},
            {"DEBUG", "false", K::Bool, false, "Logging", "true implies LOG_LEVEL=DEBUG."},
            {"STORAGE_DOWNLOAD_PATH", "./mnt/downloads", K::Path, false, "Storage", "Where slskd's finished downloads appear."},
            {"STORAGE_MUSIC_PATH", "./mnt/music", K::Path, false, "Storage", "The music library root."},
            {"STORAGE_CACHE_PATH", "./data/cache", K::Path, false, "Storage",
             "Cache of metadata answers; recreated if deleted while running."},
            {"SLSKD_URL", "", K::Url, false, "slskd", "Base URL of slskd, e.g. http://slskd:5030. Empty = not configured."},
            {"SLSKD_API_KEY", "", K::String, true, "slskd", "slskd API key (X-API-Key); preferred over username/password."},
            {"SLSKD_USERNAME", "", K::String, false, "slskd", "slskd web login, used for a JWT when no API key is set."},
            {"SLSKD_PASSWORD", "", K::String, true, "slskd", "slskd web password."},
            {"SLSKD_DOWNLOAD_PATH", "", K::Path, false, "slskd",
             "slskd's downloads folder as this service sees it; defaults to STORAGE_DOWNLOAD_PATH."},
            {"SPOTIFY_CLIENT_ID", "", K::String, false, "Spotify", "Client id of your Spotify app (PKCE)."},
            {"SPOTIFY_CLIENT_SECRET", "", K::String, true, "Spotify", "Client secret (not needed for PKCE; stored encrypted)."},
            {"SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8765/api/v1/auth/spotify/callback", K::Url, false, "Spotify",
             "Must be registered in the Spotify dashboard; loopback literal, not localhost."},
            {"SPOTIFY_API_URL", "https://api.spotify.com/v1", K::Url, false, "Spotify", "Spotify Web API base URL."},
            {"SPOTIFY_ACCOUNTS_URL", "https://accounts.spotify.com", K::Url, false, "Spotify", "Spotify accounts service base URL."},
            {"SPOTIFY_SYNC_INTERVAL", "30", K::Int, false, "Spotify", "Minutes between syncs of auto-download playlists.", 1, 0},
            {"MUSICBRAINZ_URL", "https://musicbrainz.org/ws/2", K::Url, false, "Metadata", "MusicBrainz WS/2 base URL."},
            {"COVERART_URL", "https://coverartarchive.org", K::Url, false, "Metadata", "Cover Art Archive base URL."},
            {"MUSICBRAINZ_ENABLED", "true", K::Bool, false, "Metadata",
             "Enrich imported files from MusicBrainz and the Cover Art Archive (ids, album artist, totals, cover)."},
            {"CIRCUIT_BREAKER_FAILURE_THRESHOLD", "5", K::Int, false, "Resilience", "Consecutive failures that open a breaker.", 1, 1000},
            {"CIRCUIT_BREAKER_TIMEOUT", "60", K::Int, false, "Resilience", "Seconds an open breaker waits before a trial request.", 1, 86400},
            {"CIRCUIT_BREAKER_SUCCESS_THRESHOLD", "2", K::Int, false, "Resilience", "Trial successes that close a breaker.", 1, 1000},
            {"DOWNLOAD_MAX_CONCURRENT", "3", K::Int, false, "Downloads", "Active transfers at most.", 1, 10},
            {"DOWNLOAD_MAX_RETRIES", "3", K::Int, false, "Downloads", "New searches after failures before FAILED.", 0, 20},
            {"DOWNLOAD_STALL_TIMEOUT", "600", K::Int, false, "Downloads", "Seconds without progress before a transfer counts as stalled.", 10, 0},
            {"DOWNLOAD_RETRY_BACKOFF", "60,300,900", K::String, false, "Downloads",
             "Seconds before each new search once every candidate failed (comma list; the last repeats)."},
            {"DOWNLOAD_MONITOR_INTERVAL_MS", "1000", K::Int, false, "Downloads", "How often active transfers are polled.", 50, 60000},
            {"NOT_FOUND_RETRY_INTERVAL", "86400", K::Int, false, "Downloads", "Seconds before a NOT_FOUND track is searched again.", 60, 0},
            {"BLOCKLIST_TTL", "604800", K::Int, false, "Downloads", "Seconds a failed source stays on the blocklist.", 60, 0},
            {"SEARCH_MAX_PER_WINDOW", "34", K::Int, false, "Downloads", "Soulseek searches allowed per window (sldl's safe rate).", 1, 1000},
            {"SEARCH_WINDOW_SECONDS", "220", K::Int, false, "Downloads", "Length of the search rate window.", 1, 86400},
            {"SEARCH_MIN_GAP_MS", "1000", K::Int, false, "Downloads", "Minimum gap between two searches.", 0, 600000},
            {"SEARCH_TIMEOUT_MS", "15000", K::Int, false, "Downloads", "slskd's idle search timeout.", 1000, 600000},
            {"SEARCH_BAN_EMPTY_STREAK", "20", K::Int, false, "Downloads",
             "Empty searches in a row that look like a Soulseek ban and pause searching (0 = never).", 0, 10000},
            {"SEARCH_BAN_BACKOFF", "1800", K::Int, false, "Downloads", "Seconds searching pauses after a suspected ban.", 1, 86400},
            {"SEARCH_CACHE_TTL", "3600", K::Int, false, "Downloads", "Seconds a query's responses are reused.", 0, 0},
            {"DOWNLOAD_LEASE_TTL", "60", K::Int, false, "Downloads",
             "Seconds a worker's claim on a download lasts unrenewed; after it another instance (or the watchdog) takes over.",
             5, 3600},
            {"INSTANCE_ID", "", K::String, false, "Downloads",
             "This process among several sharing one PostgreSQL database (leases carry it); empty = hostname:API_PORT."},
            {"ALBUM_PREFERRED_COUNTRIES", "XW,US,GB", K::String, false, "Albums",
             "Release countries preferred when a release group has several releases (comma list, best first)."},
            {"ALBUM_PREFERRED_FORMATS", "Digital Media,CD", K::String, false, "Albums",
             "Medium formats preferred when a release group has several releases (comma list, best first)."},
            {"SECRET_KEY", "", K::String, true, "Security",
             "Key for secrets at rest; when empty a key file is created in the data folder (0600)."},
            {"AUTH_REQUIRED", "external", K::Enum, false, "Security",
             "external: trusted networks need no login; always: every request must authenticate.", 0, 0, "external|always"},
            {"AUTH_TRUSTED_NETWORKS", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,fe80::/10,fc00::/7",
             K::String, false, "Security", "CIDR list of networks that need no credentials when AUTH_REQUIRED=external."},
            {"AUTH_TRUSTED_PROXIES", "", K::String, false, "Security",
             "CIDR list of reverse proxies whose X-Forwarded-For/-Proto/-Host are believed. Empty: those headers are ignored."},
        };
        return vars;
    }

    const ConfigVar* findConfigVar(std::string_view name)
    {
        for (const auto& v : configSchema())
            if (v.name == name)
                return &v;
        return nullptr;
    }
} // namespace soulspot::app
