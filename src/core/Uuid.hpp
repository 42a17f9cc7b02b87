#pragma once

#include <string>

namespace soulspot::core
{
    /// A random RFC 4122 version-4 UUID in its 36-character text form.
    std::string newUuid();
} // namespace soulspot::core
