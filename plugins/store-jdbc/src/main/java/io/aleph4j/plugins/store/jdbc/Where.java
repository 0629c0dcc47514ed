package io.aleph4j.plugins.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A WHERE clause built from optional filters, every value a bound parameter (never spliced into SQL). */
final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code column IN (?, ...)} when {@code values} is not empty. */
    Where in(String column, Collection<String> values) {
        if (!values.isEmpty()) {
            and().append(column).append(" IN (").append(placeholders(values.size())).append(')');
            parameters.addAll(values);
        }
        return this;
    }

    /** A message or post has at least one of {@code tags}. */
    Where anyTag(String itemHashColumn, Collection<String> tags) {
        if (!tags.isEmpty()) {
            and().append("EXISTS (SELECT 1 FROM message_tags t WHERE t.item_hash = ").append(itemHashColumn)
                    .append(" AND t.tag IN (").append(placeholders(tags.size())).append("))");
            parameters.addAll(tags);
        }
        return this;
    }

    /** {@code start <= column < end}, each bound skipped when 0. */
    Where timeRange(String column, double start, double end) {
        if (start > 0) {
            and().append(column).append(" >= ?");
            parameters.add(start);
        }
        if (end > 0) {
            and().append(column).append(" < ?");
            parameters.add(end);
        }
        return this;
    }

    /** {@code column} contains {@code text}, ignoring case; LIKE's wildcards in the text match themselves. */
    Where containsIgnoringCase(String column, String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        and().append("LOWER(").append(column).append(") LIKE ? ESCAPE '\\'");
        parameters.add("%" + escaped + "%");
        return this;
    }

    Where condition(String condition) {
        and().append(condition);
        return this;
    }

    String sql() {
        return sql.isEmpty() ? "" : " WHERE " + sql;
    }

    /** Binds the parameters from index {@code first}; returns the next free index. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            if (parameter instanceof Double number) {
                statement.setDouble(index++, number);
            } else {
                statement.setString(index++, (String) parameter);
            }
        }
        return index;
    }

    private StringBuilder and() {
        if (!sql.isEmpty()) {
            sql.append(" AND ");
        }
        return sql;
    }

    private static String placeholders(int count) {
        return "?" + ", ?".repeat(count - 1);
    }
}
