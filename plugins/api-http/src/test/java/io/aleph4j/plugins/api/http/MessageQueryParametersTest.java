package io.aleph4j.plugins.api.http;

import static io.aleph4j.plugins.api.http.QueryTest.parameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The messages.json parameters as the reference's model reads them: aliases, field names, bounds, refusals. */
final class MessageQueryParametersTest {

    private static Query query(String... nameValuePairs) {
        return MessageFilters.query(parameters(nameValuePairs));
    }

    private static MessageSelection selection(String... nameValuePairs) {
        return MessageFilters.from(query(nameValuePairs));
    }

    @Test
    void everyAliasedParameterIsTakenByItsFieldNameToo() {
        MessageSelection selection = selection("message_types", "POST,STORE", "message_type", "AGGREGATE",
                "message_statuses", "pending", "content_types", "note", "content_keys", "profile",
                "content_hashes", "ab".repeat(32), "payment_types", "hold", "start_date", "10", "end_date", "20",
                "start_block", "3", "end_block", "4", "sort_by", "tx-time", "unknown", "ignored");

        assertThat(selection.filter().types()).containsExactlyInAnyOrder(MessageType.POST, MessageType.STORE,
                MessageType.AGGREGATE);
        assertThat(selection.filter().statuses()).containsExactly(MessageStatus.PENDING);
        assertThat(selection.filter().contentTypes()).containsExactly("note");
        assertThat(selection.filter().contentKeys()).containsExactly("profile");
        assertThat(selection.filter().contentHashes()).containsExactly("ab".repeat(32));
        assertThat(selection.filter().paymentTypes()).containsExactly("hold");
        assertThat(selection.filter().startTime()).isEqualTo(10);
        assertThat(selection.filter().endTime()).isEqualTo(20);
        assertThat(selection.startBlock()).isEqualTo(3);
        assertThat(selection.endBlock()).isEqualTo(4);
        assertThat(selection.sortBy()).isEqualTo(SortBy.TX_TIME);
        assertThat(Pages.request(query("sort_order", "1"), null, 20, 0).order()).isEqualTo(SortOrder.ASCENDING);
        assertThat(ContentFormat.of(query("content_format", "headers"))).isEqualTo(ContentFormat.HEADERS);
        assertThat(ContentFormat.of(query("exclude_content", "true"))).isEqualTo(ContentFormat.NONE);
    }

    @Test
    void theDefaultsAreTheReferences() {
        MessageSelection selection = selection();

        assertThat(selection.filter().statuses()).containsExactlyInAnyOrder(MessageStatus.PROCESSED,
                MessageStatus.REMOVING);
        assertThat(selection.startBlock()).isZero();
        assertThat(selection.endBlock()).isZero();
        assertThat(selection.hasBlockBounds()).isFalse();
        assertThat(selection.sortBy()).isEqualTo(SortBy.TIME);
        assertThat(Pages.request(query(), null, 20, 0)).isEqualTo(new PageRequest(1, 20, SortOrder.DESCENDING));
        assertThat(ContentFormat.of(query())).isEqualTo(ContentFormat.FULL);
    }

    @Test
    void blockBoundsAreHeightsAndTheEndMayNotBeLowerThanTheStart() {
        assertThat(selection("startBlock", "5", "endBlock", "5").hasBlockBounds()).isTrue();
        assertThat(selection("startBlock", "9", "endBlock", "0").startBlock()).isEqualTo(9);
        assertThat(selection("startBlock", "0", "endBlock", "3").endBlock()).isEqualTo(3);
        assertThatThrownBy(() -> selection("startBlock", "5", "endBlock", "4")).isInstanceOf(HttpProblem.class)
                .hasMessage("end block cannot be lower than start block.");
        assertThatThrownBy(() -> selection("startBlock", "-1")).hasMessageStartingWith("startBlock must be");
        assertThatThrownBy(() -> selection("end_block", "x")).hasMessageStartingWith("end_block:");
    }

    @ParameterizedTest(name = "contentFormat={0}, excludeContent={1}: {2}")
    @CsvSource({"full,true,FULL", "headers,true,HEADERS", "none,false,NONE", ",true,NONE", ",false,FULL",
            "headers,,HEADERS"})
    void contentFormatWinsOverExcludeContent(String contentFormat, String excludeContent, ContentFormat expected) {
        java.util.List<String> pairs = new java.util.ArrayList<>();
        if (contentFormat != null) {
            pairs.addAll(java.util.List.of("contentFormat", contentFormat));
        }
        if (excludeContent != null) {
            pairs.addAll(java.util.List.of("excludeContent", excludeContent));
        }
        assertThat(ContentFormat.of(query(pairs.toArray(String[]::new)))).isEqualTo(expected);
    }

    @Test
    void paginationZeroIsEveryResultUnlessAnOperatorCapsPages() {
        assertThat(Pages.request(query("pagination", "0", "page", "3"), null, 20, 0).perPage()).isZero();
        assertThat(Pages.request(query("pagination", "0", "page", "3"), null, 20, 0).offset()).isZero();
        assertThat(Pages.request(query("pagination", "1000000"), null, 20, 0).perPage()).isEqualTo(1_000_000);
        assertThat(Pages.request(query("pagination", "0"), null, 20, 50).perPage()).isEqualTo(50);
        assertThatThrownBy(() -> Pages.request(query("pagination", "51"), null, 20, 50))
                .hasMessage("pagination must be between 0 and 50, not 51");
        assertThatThrownBy(() -> Pages.request(query("page", "0"), null, 20, 0)).isInstanceOf(HttpProblem.class);
    }

    @Test
    void aCursorPageHoldsAtMost200AndNotEveryResult() {
        assertThat(Cursors.pageSize(query("pagination", "500"), Pages.request(query("pagination", "500"), null, 20,
                0))).isEqualTo(200);
        assertThat(Cursors.pageSize(query("pagination", "7"), Pages.request(query("pagination", "7"), null, 20, 0)))
                .isEqualTo(7);
        assertThatThrownBy(() -> Cursors.pageSize(query("pagination", "0"), Pages.request(query("pagination", "0"),
                null, 20, 0))).hasMessage("pagination=0 is not allowed with cursor-based pagination");
    }

    @Test
    void aCursorIsRefusedWithTheTxTimeOrderButAnEmptyOneStartsAWalk() {
        assertThatThrownBy(() -> Cursors.refuseTxTime("eyJ9", SortBy.TX_TIME)).isInstanceOf(HttpProblem.class)
                .hasMessage("Cursor pagination is not supported with tx-time sort order.");
        Cursors.refuseTxTime("", SortBy.TX_TIME);
        Cursors.refuseTxTime(null, SortBy.TX_TIME);
        Cursors.refuseTxTime("eyJ9", SortBy.TIME);
    }

    @Test
    void sortByIsTimeOrTxTime() {
        assertThat(SortBy.of(query("sortBy", "time"))).isEqualTo(SortBy.TIME);
        assertThatThrownBy(() -> SortBy.of(query("sortBy", "size"))).hasMessageContaining("is not time or tx-time");
        assertThatThrownBy(() -> SortBy.of(query("sortBy", ""))).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> SortBy.of(query("sort_by", "size"))).hasMessageStartingWith("sort_by: 'size'");
        assertThatThrownBy(() -> Pages.sortOrder(query("sort_order", "0"), "sortOrder")).hasMessageStartingWith("sort_order: '0'");
        assertThatThrownBy(() -> ContentFormat.of(query("content_format", "xml")))
                .hasMessageStartingWith("content_format: 'xml'");
    }
}
