#pragma once

#include <vector>

namespace soulspot::db
{
    struct Migration;
    /// The schema's history; append new migrations, never edit applied ones.
    const std::vector<Migration>& schemaMigrations();
} // namespace soulspot::db
