package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.POST;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page on {@code /} in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): after real signed messages are posted, the page shows the node's figures, and it shows
 * a new message once processed without being reloaded. The screenshot stays in
 * {@code target/status-page.png}. Selenium is given the driver and browser paths, so Selenium Manager never runs
 * (it would download a browser).
 */
final class StatusPageIT {

    private static final double T = 1_795_485_266.0;
    private static final Path CHROMIUM = Path.of(System.getProperty("aleph4j.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("aleph4j.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Duration UPDATE_TIMEOUT = Duration.ofSeconds(20);

    private final Wallet alice = Wallet.ethereum(41);
    private final Wallet bob = Wallet.solana(42);
    private PipelineNode node;
    private WebDriver browser;

    @BeforeEach
    void start() {
        node = PipelineNode.startWith("api-http");
        browser = chromium();
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            node.close();
        }
    }

    @Test
    void thePageShowsTheNodesFiguresAndFollowsANewMessageWithoutReloading() throws IOException {
        Message first = alice.signed(POST, Contents.post(alice.address(), "note", "{\"n\":1}", T), T);
        Message second = bob.signed(POST, Contents.post(bob.address(), "note", "{\"n\":2}", T + 1), T + 1);
        Message profile = alice.signed(AGGREGATE, Contents.aggregate(alice.address(), "profile", "{\"a\":1}", T + 2),
                T + 2);
        // A channel that would be markup if the page wrote it as HTML.
        Message hostile = alice.sign(alice.unsigned(alice.address(), POST, "<b id=\"injected\">TEST</b>", T + 3,
                Contents.post(alice.address(), "note", "{\"n\":3}", T + 3)));
        for (Message message : List.of(first, second, profile, hostile)) {
            publish(message);
        }

        browser.get(node.embedded().uri("/").toString());
        WebDriverWait wait = new WebDriverWait(browser, UPDATE_TIMEOUT);
        wait.withMessage(this::diagnostics);
        wait.until(page -> "live".equals(body().getDomAttribute("data-connection"))
                && "4".equals(figure("pyaleph_status_sync_messages_total"))
                && !page.findElements(By.cssSelector("tr[data-plugin='api-http']")).isEmpty());

        assertThat(browser.getTitle()).isEqualTo("aleph4j node");
        assertThat(figure("pyaleph_build_info.version")).startsWith("aleph4j-");
        assertThat(figure("pyaleph_build_info.python_version")).isEqualTo(System.getProperty("java.version"));
        assertThat(figure("aleph4j_node.state")).isEqualTo("STARTED");
        assertThat(figure("aleph4j_messages_by_status.processed")).isEqualTo("4");
        assertThat(figure("aleph4j_messages_by_status.pending")).isEqualTo("0");
        assertThat(figure("aleph4j_messages_by_status.rejected")).isEqualTo("0");
        assertThat(figure("aleph4j_messages_by_type.post")).isEqualTo("3");
        assertThat(figure("aleph4j_messages_by_type.aggregate")).isEqualTo("1");
        assertThat(figure("aleph4j_messages_by_type.store")).isEqualTo("0");
        assertThat(figure("pyaleph_status_sync_pending_messages_total")).isEqualTo("0");
        assertThat(figure("pyaleph_status_sync_permanent_files_total")).isEqualTo("0");
        assertThat(figure("pyaleph_status_peers_total")).isEqualTo("0");
        assertThat(figure("pyaleph_ws_status_connections_active")).isEqualTo("1");
        assertThat(figure("aleph4j_log.pipeline_lag")).isEqualTo("0");
        assertThat(figure("aleph4j_log.applied_index")).isEqualTo(figure("aleph4j_log.inbox_last_index"))
                .matches("\\d+");
        assertThat(figure("aleph4j_plugins.api-http.source")).startsWith("classpath");
        assertThat(figure("aleph4j_plugins.api-http.extensions")).contains("HttpRoutes");
        assertThat(figure("aleph4j_plugins.chain-evm.contributions")).isEqualTo("ChainBridge: EvmBridge (libsecp256k1)");
        assertThat(figure("aleph4j_plugins.api-http.version")).isNotBlank().isNotEqualTo("–");
        assertThat(browser.findElements(By.cssSelector("tr[data-plugin]")).stream()
                .map(row -> row.getDomAttribute("data-plugin")).toList())
                .contains("api-http", "chain-evm", "chain-solana", "chain-tezos", "state-sqlite");
        assertThat(recentHashes()).containsExactly(hostile.itemHash().value(), profile.itemHash().value(),
                second.itemHash().value(), first.itemHash().value());
        assertThat(figure("aleph4j_recent_messages.0.channel")).isEqualTo("<b id=\"injected\">TEST</b>");
        assertThat(browser.findElements(By.id("injected"))).as("message fields are written as text").isEmpty();
        assertThat(figure("aleph4j_recent_messages.2.sender")).isEqualTo(bob.address());
        assertThat(figure("aleph4j_recent_messages.2.chain")).isEqualTo("SOL");

        ((JavascriptExecutor) browser).executeScript("window.aleph4jNotReloaded = true;");
        Message later = bob.signed(POST, Contents.post(bob.address(), "note", "{\"n\":4}", T + 4), T + 4);
        publish(later);

        wait.until(page -> "5".equals(figure("pyaleph_status_sync_messages_total"))
                && "4".equals(figure("aleph4j_messages_by_type.post"))
                && later.itemHash().value().equals(figure("aleph4j_recent_messages.0.item_hash")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.aleph4jNotReloaded === true;"))
                .as("the page was updated in place, not reloaded").isEqualTo(Boolean.TRUE);
        assertThat(figure("aleph4j_messages_by_status.processed")).isEqualTo("5");
        assertThat(recentHashes()).hasSize(5);
        screenshot(Path.of("target", "status-page.png"));
        assertThat(severeBrowserLogs()).as("errors in the browser's console (a refused load, a script error)")
                .isEmpty();
    }

    private void publish(Message message) {
        HttpResponse<String> answer = node.embedded().postJson("/api/v0/messages", Envelopes.publish(message, true));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"message_status\":\"processed\"");
    }

    private String figure(String key) {
        List<WebElement> elements = browser.findElements(By.cssSelector("[data-key='" + key + "']"));
        assertThat(elements).as("elements with data-key " + key).hasSizeLessThanOrEqualTo(1);
        return elements.isEmpty() ? null : elements.getFirst().getText();
    }

    /** What the page showed when a wait gave up (the start of its source tells a wrong page from a stale one). */
    private String diagnostics() {
        String source = browser.getPageSource();
        return "connection " + body().getDomAttribute("data-connection") + ", updates "
                + body().getDomAttribute("data-updates") + ", messages "
                + figure("pyaleph_status_sync_messages_total") + ", url " + browser.getCurrentUrl() + ", page "
                + source.substring(0, Math.min(2000, source.length())) + ", console "
                + browser.manage().logs().get(LogType.BROWSER).getAll();
    }

    private WebElement body() {
        return browser.findElement(By.tagName("body"));
    }

    private List<String> recentHashes() {
        return browser.findElements(By.cssSelector("#recent-messages tr[data-item-hash]")).stream()
                .map(row -> row.getDomAttribute("data-item-hash")).toList();
    }

    private List<LogEntry> severeBrowserLogs() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    private void screenshot(Path file) {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot to " + file, e);
        }
    }

    /**
     * Debian's Chromium through its chromedriver, headless. Missing packages fail the test (CI installs them); the
     * explicit paths keep Selenium Manager from looking for, or downloading, a driver or browser.
     */
    private static WebDriver chromium() {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new AssertionError(required + " is missing: the status page test needs Chromium and its "
                        + "driver (apt-get install -y chromium chromium-driver, as .ci/run does)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--no-first-run",
                "--window-size=1280,1400");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
