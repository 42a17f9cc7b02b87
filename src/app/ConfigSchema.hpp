#pragma once
// Every configuration variable SoulSpot reads: name, default, kind, whether it is a secret, and what it
// means. The loader, `soulspot config` and docs/configuration.md all come from this one table.

#include <string_view>
#include <vector>

namespace soulspot::app
{
    enum class VarKind { String, Int, Bool, Url, Path, LogLevel, LogFormat, DatabaseUrl, Enum };

    struct ConfigVar
    {
        std::string_view name;
        std::string_view defaultValue;
        VarKind kind;
        bool secret;
        std::string_view section;
        std::string_view description;
        long minValue{0};       // Int only
        long maxValue{0};       // Int only; 0 = no upper bound
        std::string_view allowed{}; // Enum only: '|'-separated values
    };

    const std::vector<ConfigVar>& configSchema();
    const ConfigVar* findConfigVar(std::string_view name);
} // namespace soulspot::app
