#pragma once
// One file per wanted track and one wanted track per file: a maximum-weight assignment (Hungarian
// algorithm), so "Intro" and "Intro (Reprise)" or two discs' "01 - …" can not both claim the same file.

#include <optional>
#include <vector>

namespace soulspot::matching
{
    struct AssignmentEdge
    {
        std::size_t row{0};    // wanted track
        std::size_t column{0}; // file
        double weight{0};      // > 0; pairs without an edge are never assigned
    };

    /// For each of `rows` rows the assigned column, or nullopt; maximises the total weight. Deterministic.
    std::vector<std::optional<std::size_t>> assignTracks(std::size_t rows, std::size_t columns,
                                                         const std::vector<AssignmentEdge>& edges);
} // namespace soulspot::matching
