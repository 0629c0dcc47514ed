package io.aleph4j.plugins.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.http.HttpProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class QueryTest {

    /** A query string's parameters, each name with its values in order, as the HTTP server hands them over. */
    static Map<String, List<String>> parameters(String... nameValuePairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.computeIfAbsent(nameValuePairs[i], name -> new java.util.ArrayList<>())
                    .add(nameValuePairs[i + 1]);
        }
        return parameters;
    }

    private static Query query(String... nameValuePairs) {
        return Query.of(parameters(nameValuePairs), Map.of("sortBy", "sort_by", "excludeContent", "exclude_content"));
    }

    @Test
    void aParameterTheRouteDoesNotReadIsIgnored() {
        Query query = query("foo", "1", "sortBy", "time", "admin", "<script>");

        assertThat(query.string("sortBy")).isEqualTo("time");
        assertThat(query.string("foo")).isEqualTo("1");
        assertThat(query.string("absent")).isNull();
    }

    @Test
    void aRepeatedParameterTakesItsFirstValue() {
        Query query = query("pagination", "5", "pagination", "abc", "channels", "a,b", "channels", "c");

        assertThat(query.integer("pagination", 20, 0, Integer.MAX_VALUE)).isEqualTo(5);
        assertThat(query.list("channels")).containsExactly("a", "b");
    }

    @Test
    void aFieldNameIsTakenForItsAliasAndTheAliasWinsWhenBothAreGiven() {
        assertThat(query("sort_by", "tx-time").string("sortBy")).isEqualTo("tx-time");
        assertThat(query("sort_by", "tx-time", "sortBy", "time").string("sortBy")).isEqualTo("time");
        assertThat(query("exclude_content", "yes").bool("excludeContent")).isTrue();
        assertThat(query("sort_by", "").has("sortBy")).isTrue();
        assertThat(query("page", "2").has("sortBy")).isFalse();
    }

    @Test
    void anErrorNamesTheParameterAsTheClientGaveIt() {
        assertThatThrownBy(() -> query("exclude_content", "perhaps").bool("excludeContent"))
                .isInstanceOf(HttpProblem.class).hasMessageStartingWith("exclude_content:")
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(422));
        assertThatThrownBy(() -> query("excludeContent", "perhaps").bool("excludeContent"))
                .hasMessageStartingWith("excludeContent:");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"true,true", "TRUE,true", "1,true", "yes,true", "On,true", "t,true", "Y,true",
            "false,false", "False,false", "0,false", "no,false", "OFF,false", "f,false", "n,false", "' yes ',true"})
    void booleansAreReadAsPydanticReadsThem(String word, boolean value) {
        assertThat(query("excludeContent", word).bool("excludeContent")).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "perhaps", "2", "truth", "-1"})
    void otherWordsAreNotBooleans(String word) {
        assertThatThrownBy(() -> query("excludeContent", word).bool("excludeContent"))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("is not a boolean");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"7,7", "' 2',2", "2.0,2", "+3,3", "-1,-1", "0,0"})
    void integersAreReadAsPydanticReadsThem(String text, int value) {
        assertThat(query("n", text).integer("n", 20, Integer.MIN_VALUE, Integer.MAX_VALUE)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5", "1e3", "0x10", "2 3"})
    void otherTextIsNotAnInteger(String text) {
        assertThatThrownBy(() -> query("n", text).integer("n", 20, 0, Integer.MAX_VALUE))
                .isInstanceOf(HttpProblem.class).hasMessage("n: '" + text + "' is not an integer");
    }

    @Test
    void anIntegerOutOfItsRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> query("n", "-1").integer("n", 20, 0, 100)).hasMessage(
                "n must be between 0 and 100, not -1");
        assertThatThrownBy(() -> query("n", "99999999999999999999").integer("n", 20, 0, Integer.MAX_VALUE))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("must be between");
    }

    @Test
    void listsAreCommaSeparatedWithEmptyItemsSkipped() {
        assertThat(query("tags", "a,,b ,").list("tags")).containsExactly("a", "b");
        assertThat(query().list("tags")).isEmpty();
    }
}
