#include "matching/TrackAssignment.hpp"

#include <limits>

namespace soulspot::matching
{
    std::vector<std::optional<std::size_t>> assignTracks(std::size_t rows, std::size_t columns,
                                                         const std::vector<AssignmentEdge>& edges)
    {
        std::vector<std::optional<std::size_t>> result(rows);
        if (rows == 0 || columns == 0 || edges.empty())
            return result;
        // Min-cost form with one "unassigned" column per row at cost 0, so no row is ever forced onto a pair
        // without an edge (cost kNoEdge). Rows n ≤ columns m + n, as the potentials method needs.
        constexpr double kNoEdge = 1e6;
        const std::size_t n = rows;
        const std::size_t m = columns + rows;
        std::vector<double> cost(n * m, kNoEdge);
        for (std::size_t r = 0; r < n; ++r)
            for (std::size_t c = columns; c < m; ++c)
                cost[r * m + c] = 0;
        for (const auto& e : edges)
            if (e.row < n && e.column < columns && e.weight > 0)
                cost[e.row * m + e.column] = std::min(cost[e.row * m + e.column], -e.weight);

        // e-maxx formulation, 1-based: u/v potentials, p[j] = row matched to column j, way = augmenting path.
        const double inf = std::numeric_limits<double>::infinity();
        std::vector<double> u(n + 1, 0), v(m + 1, 0);
        std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
        for (std::size_t i = 1; i <= n; ++i)
        {
            p[0] = i;
            std::size_t j0 = 0;
            std::vector<double> minv(m + 1, inf);
            std::vector<char> used(m + 1, 0);
            do
            {
                used[j0] = 1;
                const std::size_t i0 = p[j0];
                double delta = inf;
                std::size_t j1 = 0;
                for (std::size_t j = 1; j <= m; ++j)
                {
                    if (used[j])
                        continue;
                    const double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (std::size_t j = 0; j <= m; ++j)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                        minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                const std::size_t j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (std::size_t j = 1; j <= columns; ++j)
            if (p[j] != 0 && cost[(p[j] - 1) * m + (j - 1)] < 0)
                result[p[j] - 1] = j - 1;
        return result;
    }
} // namespace soulspot::matching
