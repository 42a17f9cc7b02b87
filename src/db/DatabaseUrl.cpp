#include "db/DatabaseUrl.hpp"

namespace soulspot::db
{
    std::string DatabaseUrl::masked() const
    {
        const auto scheme = original.find("://");
        const auto at = original.rfind('@');
        if (scheme == std::string::npos || at == std::string::npos || at < scheme)
            return original;
        const auto colon = original.find(':', scheme + 3);
        if (colon == std::string::npos || colon > at)
            return original;
        return original.substr(0, colon + 1) + "***" + original.substr(at);
    }

    core::Result<DatabaseUrl> parseDatabaseUrl(const std::string& url)
    {
        DatabaseUrl out;
        out.original = url;
        const auto sep = url.find("://");
        if (sep == std::string::npos)
            return core::fail(core::Error::invalid("expected sqlite:///path or postgresql://user:pass@host:port/db"));
        std::string scheme = url.substr(0, sep);
        if (const auto plus = scheme.find('+'); plus != std::string::npos)
            scheme = scheme.substr(0, plus);
        const std::string rest = url.substr(sep + 3);
        if (scheme == "sqlite")
        {
            // sqlite:///./data/x.db → "./data/x.db"; sqlite:////abs → "/abs"
            if (rest.empty() || rest.front() != '/' || rest.size() < 2)
                return core::fail(core::Error::invalid("SQLite URL needs a path: sqlite:///./data/soulspot.db"));
            out.dialect = Dialect::Sqlite;
            out.sqlitePath = rest.substr(1);
            return out;
        }
        if (scheme == "postgresql" || scheme == "postgres")
        {
            if (rest.empty())
                return core::fail(core::Error::invalid("PostgreSQL URL needs a host: postgresql://user:pass@host:5432/db"));
            out.dialect = Dialect::Postgres;
            out.pgConninfo = "postgresql://" + rest;
            return out;
        }
        return core::fail(core::Error::invalid("unknown database URL scheme '" + scheme +
                                               "' (expected sqlite or postgresql)"));
    }
} // namespace soulspot::db
