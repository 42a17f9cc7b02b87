#pragma once
// Values crossing the database boundary, the same on SQLite and PostgreSQL: NULL, integer, real or text.
// Results are materialised (our result sets are small and paged), so rows outlive the statement.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace soulspot::db
{
    using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
    using Params = std::vector<Value>;

    inline Value null() { return std::monostate{}; }
    inline Value toValue(const std::optional<std::string>& v) { return v ? Value(*v) : null(); }
    inline Value toValue(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }
    inline Value toValue(const std::optional<int>& v) { return v ? Value(std::int64_t{*v}) : null(); }

    class Row
    {
    public:
        explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
        bool isNull(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
        /// Integers come back as integers from SQLite and as int8 from PostgreSQL; text holding a number is parsed.
        std::int64_t getInt(std::size_t i) const;
        double getDouble(std::size_t i) const;
        std::string getString(std::size_t i) const;
        std::optional<std::int64_t> getOptInt(std::size_t i) const;
        std::optional<std::string> getOptString(std::size_t i) const;
        bool getBool(std::size_t i) const { return getInt(i) != 0; }
        std::size_t size() const { return values_.size(); }
        const Value& raw(std::size_t i) const { return values_.at(i); }

    private:
        std::vector<Value> values_;
    };

    struct ResultSet
    {
        std::vector<std::string> columns;
        std::vector<Row> rows;
        std::int64_t affectedRows{0};

        bool empty() const { return rows.empty(); }
        const Row& front() const { return rows.front(); }
    };
} // namespace soulspot::db
