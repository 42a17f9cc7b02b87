#pragma once

#include <vector>

namespace soulspot::db
{
    struct Migration;
    /// The schema's history; append new migrations, never edit applied ones.
    const std::vector<Migration>& schemaMigrations();

    namespace schema
    {
        // Later migrations live in files of their own (one per round of work).
        extern const char* const kRobustnessUp;
        extern const char* const kRobustnessDown;
        extern const char* const kAlbumsUp;
        extern const char* const kAlbumsDown;
    } // namespace schema
} // namespace soulspot::db
